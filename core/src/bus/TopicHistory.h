//
// TopicHistory.h
//
// Definition of the TopicHistory class.
//

#ifndef feedhub_TopicHistory_INCLUDED
#define feedhub_TopicHistory_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include "feedhub/Event.h"
#include <cstdint>
#include <deque>
#include <vector>

namespace feedhub
{

class TopicHistory
    /// The recent events of one topic, bounded by count and by age.
    ///
    /// Not thread-safe: the bus guards it.
{
public:
    TopicHistory(std::size_t maxCount, Poco::Timespan maxAge);

    void append(const EventPtr& event);
        /// Adds the newest event, evicting the oldest beyond the count bound.

    void expire(const Poco::Timestamp& now);
        /// Evicts events older than the age bound.

    void collectAfter(std::uint64_t sequence, std::vector<EventPtr>& out) const;
        /// Appends the held events whose sequence is greater, oldest first.

    bool lostAfter(std::uint64_t sequence) const;
        /// True if an event newer than sequence has been evicted, so a client
        /// resuming from there cannot get everything it missed.

    EventPtr newest() const;
        /// The newest held event, or null.

    std::size_t size() const { return _events.size(); }
    std::uint64_t lastSequence() const { return _lastSequence; }

private:
    void evictOldest();

    std::size_t _maxCount;
    Poco::Timespan _maxAge;
    std::deque<EventPtr> _events;
    std::uint64_t _lastSequence = 0;
    std::uint64_t _lastEvicted = 0;
};

} // namespace feedhub

#endif // feedhub_TopicHistory_INCLUDED
