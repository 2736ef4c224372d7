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
#include <limits>
#include <vector>

namespace feedhub
{

class TopicHistory
    /// The recent events of one topic in memory, bounded by count, by age
    /// and by the bytes they hold.
    ///
    /// Not thread-safe: the bus guards it.
{
public:
    TopicHistory(std::size_t maxCount, Poco::Timespan maxAge,
                 std::size_t maxBytes = std::numeric_limits<std::size_t>::max());

    void append(const EventPtr& event);
        /// Adds the newest event, evicting the oldest beyond the count and byte bounds.

    void expire(const Poco::Timestamp& now);
        /// Evicts events older than the age bound.

    void evictOldest();
        /// Evicts the oldest held event (for a hub-wide memory budget).

    void forgetThrough(std::uint64_t sequence);
        /// Records that events up to sequence are not held here (history
        /// loaded from a journal starts after older events).

    void collectAfter(std::uint64_t sequence, std::vector<EventPtr>& out) const;
        /// Appends the held events whose sequence is greater, oldest first.

    bool lostAfter(std::uint64_t sequence) const;
        /// True if an event newer than sequence has been evicted, so a client
        /// resuming from there cannot get everything it missed.

    EventPtr newest() const;
        /// The newest held event, or null.

    std::uint64_t oldestSequence() const;
        /// The sequence of the oldest held event, 0 if none is held.

    static std::size_t bytesOf(const Event& event);
        /// What an event holds in memory once encoded for SSE: its fields,
        /// and its data a second time in the frame.

    std::size_t size() const { return _events.size(); }
    std::size_t bytes() const { return _bytes; }
    std::uint64_t lastSequence() const { return _lastSequence; }

private:
    std::size_t _maxCount;
    Poco::Timespan _maxAge;
    std::size_t _maxBytes;
    std::deque<EventPtr> _events;
    std::size_t _bytes = 0;
    std::uint64_t _lastSequence = 0;
    std::uint64_t _lastEvicted = 0;
};

} // namespace feedhub

#endif // feedhub_TopicHistory_INCLUDED
