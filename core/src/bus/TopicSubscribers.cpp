//
// TopicSubscribers.cpp
//

#include "bus/TopicSubscribers.h"

namespace feedhub
{

void TopicSubscribers::add(const std::string& topic, int delta)
{
    std::size_t& count = _counts[topic];
    count = static_cast<std::size_t>(static_cast<long>(count) + delta);
    if (count == 0)
        _counts.erase(topic);
}

std::size_t TopicSubscribers::of(const std::string& topic) const
{
    auto it = _counts.find(topic);
    return it == _counts.end() ? 0 : it->second;
}

std::vector<Bus::TopicStatus> TopicSubscribers::merge(const std::vector<Bus::TopicStatus>& held) const
{
    std::vector<Bus::TopicStatus> result;
    auto subscribed = _counts.begin();
    for (const Bus::TopicStatus& topic : held)
    {
        for (; subscribed != _counts.end() && subscribed->first < topic.name; ++subscribed)
            result.push_back(Bus::TopicStatus{subscribed->first, subscribed->second, 0, 0});
        result.push_back(topic);
        if (subscribed != _counts.end() && subscribed->first == topic.name)
            result.back().subscribers = (subscribed++)->second;
    }
    for (; subscribed != _counts.end(); ++subscribed)
        result.push_back(Bus::TopicStatus{subscribed->first, subscribed->second, 0, 0});
    return result;
}

} // namespace feedhub
