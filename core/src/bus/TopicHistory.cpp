//
// TopicHistory.cpp
//

#include "bus/TopicHistory.h"
#include <algorithm>

namespace feedhub
{

TopicHistory::TopicHistory(std::size_t maxCount, Poco::Timespan maxAge) : _maxCount(maxCount), _maxAge(maxAge)
{
}

void TopicHistory::append(const EventPtr& event)
{
    _events.push_back(event);
    _lastSequence = event->sequence();
    while (_events.size() > _maxCount)
        evictOldest();
}

void TopicHistory::expire(const Poco::Timestamp& now)
{
    while (!_events.empty() && now - _events.front()->time() > _maxAge.totalMicroseconds())
        evictOldest();
}

void TopicHistory::collectAfter(std::uint64_t sequence, std::vector<EventPtr>& out) const
{
    auto first = std::upper_bound(_events.begin(), _events.end(), sequence,
                                  [](std::uint64_t s, const EventPtr& e) { return s < e->sequence(); });
    out.insert(out.end(), first, _events.end());
}

bool TopicHistory::lostAfter(std::uint64_t sequence) const
{
    return _lastEvicted > sequence;
}

EventPtr TopicHistory::newest() const
{
    return _events.empty() ? EventPtr() : _events.back();
}

void TopicHistory::evictOldest()
{
    _lastEvicted = _events.front()->sequence();
    _events.pop_front();
}

} // namespace feedhub
