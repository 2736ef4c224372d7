//
// TopicName.cpp
//

#include "feedhub/TopicName.h"
#include "Poco/Exception.h"

namespace feedhub
{

namespace
{

bool isTopicChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == ':' || c == '/' || c == '-';
}

} // namespace

bool TopicName::isValid(const std::string& name)
{
    if (name.empty() || name.size() > MAX_LENGTH)
        return false;
    for (char c : name)
    {
        if (!isTopicChar(c))
            return false;
    }
    return true;
}

void TopicName::check(const std::string& name)
{
    if (!isValid(name))
        throw Poco::InvalidArgumentException("invalid topic '" + name +
                                             "': use 1 to 128 characters from A-Z a-z 0-9 _ . : / -");
}

} // namespace feedhub
