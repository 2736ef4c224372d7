//
// TopicHistory.cpp
//

#include "history/TopicHistory.h"
#include <algorithm>

namespace feedhub
{

TopicHistory::TopicHistory(std::size_t maxCount, Poco::Timespan maxAge, std::size_t maxBytes)
    : _maxCount(maxCount), _maxAge(maxAge), _maxBytes(maxBytes)
{
}

void TopicHistory::append(const EventPtr& event)
{
    _events.push_back(event);
    _bytes += bytesOf(*event);
    _lastSequence = event->sequence();
    while (!_events.empty() && (_events.size() > _maxCount || _bytes > _maxBytes))
        evictOldest();
}

void TopicHistory::expire(const Poco::Timestamp& now)
{
    while (!_events.empty() && now - _events.front()->time() > _maxAge.totalMicroseconds())
        evictOldest();
}

void TopicHistory::evictOldest()
{
    _lastEvicted = _events.front()->sequence();
    _bytes -= bytesOf(*_events.front());
    _events.pop_front();
}

void TopicHistory::forgetThrough(std::uint64_t sequence)
{
    _lastEvicted = std::max(_lastEvicted, sequence);
    _lastSequence = std::max(_lastSequence, sequence);
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

std::uint64_t TopicHistory::oldestSequence() const
{
    return _events.empty() ? 0 : _events.front()->sequence();
}

std::size_t TopicHistory::bytesOf(const Event& event)
{
    return sizeof(Event) + event.topic().size() + event.type().size() + event.id().size() +
           2 * event.data().size();
}

} // namespace feedhub
