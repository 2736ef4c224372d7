//
// TopicPatterns.cpp
//

#include "auth/TopicPatterns.h"
#include "Poco/Exception.h"
#include "feedhub/TopicName.h"

namespace feedhub
{

TopicPatterns::TopicPatterns(std::vector<std::string> patterns) : _patterns(std::move(patterns))
{
    for (const std::string& pattern : _patterns)
    {
        if (!isPattern(pattern))
            throw Poco::InvalidArgumentException("'" + pattern +
                                                 "' is not a topic, a prefix ending in * or *");
    }
}

bool TopicPatterns::isPattern(const std::string& pattern)
{
    if (pattern == "*")
        return true;
    if (!pattern.empty() && pattern.back() == '*')
        return TopicName::isValid(pattern.substr(0, pattern.size() - 1));
    return TopicName::isValid(pattern);
}

bool TopicPatterns::matches(const std::string& topic) const
{
    for (const std::string& pattern : _patterns)
    {
        if (pattern.back() == '*')
        {
            if (topic.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0)
                return true;
        }
        else if (pattern == topic)
            return true;
    }
    return false;
}

bool TopicPatterns::namesExactly(const std::string& topic) const
{
    for (const std::string& pattern : _patterns)
    {
        if (pattern == topic)
            return true;
    }
    return false;
}

} // namespace feedhub
