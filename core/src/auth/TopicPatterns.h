//
// TopicPatterns.h
//
// Definition of the TopicPatterns class.
//

#ifndef feedhub_TopicPatterns_INCLUDED
#define feedhub_TopicPatterns_INCLUDED

#include <string>
#include <vector>

namespace feedhub
{

class TopicPatterns
    /// The topics a token's claim names: each pattern is an exact topic, a
    /// prefix ending in * ("chat.*") or * alone for every topic.
{
public:
    TopicPatterns() = default;
    explicit TopicPatterns(std::vector<std::string> patterns);
        /// Throws Poco::InvalidArgumentException naming a pattern that is not one.

    static bool isPattern(const std::string& pattern);

    bool matches(const std::string& topic) const;
        /// Whether any pattern covers topic.
    bool namesExactly(const std::string& topic) const;
        /// Whether a pattern is topic itself (no wildcard), as a feed's topic requires.
    bool empty() const { return _patterns.empty(); }
    const std::vector<std::string>& patterns() const { return _patterns; }

private:
    std::vector<std::string> _patterns;
};

} // namespace feedhub

#endif // feedhub_TopicPatterns_INCLUDED
