//
// MemoryHistoryStore.cpp
//

#include "history/MemoryHistoryStore.h"
#include <algorithm>

namespace feedhub
{

MemoryHistoryStore::MemoryHistoryStore(const Bounds& bounds, std::size_t budgetBytes)
    : _bounds(bounds), _budgetBytes(budgetBytes),
      _originSequence(static_cast<std::uint64_t>(Poco::Timestamp().epochMicroseconds()))
{
}

void MemoryHistoryStore::append(const std::vector<EventPtr>& events)
{
    for (const EventPtr& event : events)
    {
        Entry& entry = _topics.try_emplace(event->topic(), _bounds).first->second;
        change(entry, [&](TopicHistory& history) {
            history.expire(event->time());
            history.append(event);
        });
        _lastSequence = std::max(_lastSequence, event->sequence());
    }
    while (_bytes > _budgetBytes && !_oldest.empty())
        change(*_oldest.begin()->second, [](TopicHistory& history) { history.evictOldest(); });
}

std::vector<EventPtr> MemoryHistoryStore::readAfter(const std::vector<std::string>& topics,
                                                    std::uint64_t after, std::size_t limit)
{
    std::vector<EventPtr> events;
    const Poco::Timestamp now;
    for (const std::string& name : topics)
    {
        auto it = _topics.find(name);
        if (it == _topics.end())
            continue;
        change(it->second, [&](TopicHistory& history) { history.expire(now); });
        it->second.history.collectAfter(after, events);
    }
    std::sort(events.begin(), events.end(),
              [](const EventPtr& a, const EventPtr& b) { return a->sequence() < b->sequence(); });
    if (limit != 0 && events.size() > limit)
        events.resize(limit);
    return events;
}

bool MemoryHistoryStore::lostAfter(const std::string& topic, std::uint64_t after) const
{
    auto it = _topics.find(topic);
    if (it == _topics.end())
        return after < _forgottenSequence;
    return it->second.history.lostAfter(after);
}

void MemoryHistoryStore::trim(const Poco::Timestamp& now)
{
    trim(now, [](const std::string&) { return false; });
}

std::vector<EventPtr> MemoryHistoryStore::recent(std::size_t budgetBytes)
{
    std::vector<std::string> topics;
    for (const auto& entry : _topics)
        topics.push_back(entry.first);
    std::vector<EventPtr> events = readAfter(topics, 0, 0);
    std::size_t bytes = 0;
    auto first = events.end();
    while (first != events.begin() && bytes + TopicHistory::bytesOf(**(first - 1)) <= budgetBytes)
    {
        --first;
        bytes += TopicHistory::bytesOf(**first);
    }
    return std::vector<EventPtr>(first, events.end());
}

void MemoryHistoryStore::reserve(const std::string& topic)
{
    _topics.try_emplace(topic, _bounds);
}

EventPtr MemoryHistoryStore::newest(const std::string& topic)
{
    auto it = _topics.find(topic);
    if (it == _topics.end())
        return EventPtr();
    const Poco::Timestamp now;
    change(it->second, [&](TopicHistory& history) { history.expire(now); });
    return it->second.history.newest();
}

std::vector<EventPtr> MemoryHistoryStore::newest(const std::vector<std::string>& topics)
{
    std::vector<EventPtr> result;
    for (const std::string& name : topics)
    {
        if (EventPtr event = newest(name))
            result.push_back(event);
    }
    std::sort(result.begin(), result.end(),
              [](const EventPtr& a, const EventPtr& b) { return a->sequence() < b->sequence(); });
    return result;
}

void MemoryHistoryStore::forgetThrough(const std::string& topic, std::uint64_t sequence)
{
    Entry& entry = _topics.try_emplace(topic, _bounds).first->second;
    entry.history.forgetThrough(sequence);
    _lastSequence = std::max(_lastSequence, sequence);
}

std::vector<HistoryStore::TopicSummary> MemoryHistoryStore::summaries() const
{
    std::vector<TopicSummary> result;
    result.reserve(_topics.size());
    for (const auto& [name, entry] : _topics)
        result.push_back(TopicSummary{name, entry.history.size(), entry.history.oldestSequence(),
                                      entry.history.lastSequence()});
    return result;
}

} // namespace feedhub
