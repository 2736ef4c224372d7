//
// FeedTopics.cpp
//

#include "auth/FeedTopics.h"

namespace feedhub
{

void FeedTopics::claim(const std::string& topic)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_claims[topic];
}

void FeedTopics::release(const std::string& topic)
{
    std::lock_guard<std::mutex> lock(_mutex);
    const auto found = _claims.find(topic);
    if (found != _claims.end() && --found->second == 0)
        _claims.erase(found);
}

bool FeedTopics::isClaimed(const std::string& topic) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _claims.count(topic) > 0;
}

} // namespace feedhub
