//
// HistoryStore.h
//
// Definition of the HistoryStore interface.
//

#ifndef feedhub_HistoryStore_INCLUDED
#define feedhub_HistoryStore_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include "feedhub/Event.h"
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace feedhub
{

class HistoryStore
    /// Where the bus keeps each topic's past events for resume: in memory
    /// (MemoryHistoryStore) or in a journal file (SqliteHistoryStore).
    ///
    /// Not thread-safe unless an implementation says otherwise: the bus
    /// guards its memory store, and the journal thread (HistoryJournal) is
    /// the only user of a file store. A store for a shared bus (Redis, say)
    /// would implement the same calls.
{
public:
    struct Bounds
        /// What each topic keeps; an event beyond any bound is dropped,
        /// oldest first. Unbounded unless set: HubSettings holds the hub's.
    {
        std::size_t maxEvents = std::numeric_limits<std::size_t>::max();
        Poco::Timespan maxAge = Poco::Timespan(std::numeric_limits<Poco::Timespan::TimeDiff>::max());
        std::size_t maxBytes = std::numeric_limits<std::size_t>::max();
    };

    struct TopicSummary
    {
        std::string name;
        std::size_t held = 0;
        std::uint64_t oldestSequence = 0;
            /// Of the oldest held event; 0 if none is held.
        std::uint64_t lastSequence = 0;
    };

    virtual ~HistoryStore() = default;

    virtual void append(const std::vector<EventPtr>& events) = 0;
        /// Adds events, in sequence order, all or none. A file store has
        /// them on disk when it returns; it throws Poco::IOException (or a
        /// Poco::Data exception) naming the cause if it could not.

    virtual std::vector<EventPtr> readAfter(const std::vector<std::string>& topics, std::uint64_t after,
                                            std::size_t limit) = 0;
        /// The held events of the topics whose sequence is greater than
        /// after, oldest first across the topics, at most limit (0: all).

    virtual bool lostAfter(const std::string& topic, std::uint64_t after) const = 0;
        /// True if an event of the topic newer than after was dropped, so a
        /// client resuming from there cannot get everything it missed.

    virtual std::uint64_t lastSequence() const = 0;
        /// The highest sequence ever appended (0 for an empty store).

    virtual std::uint64_t originSequence() const = 0;
        /// No event before this sequence was ever appended: the wall-clock
        /// time in microseconds when the store was first created.

    virtual void trim(const Poco::Timestamp& now) = 0;
        /// Drops events past the age bound and forgets topics left empty.

    virtual std::vector<EventPtr> recent(std::size_t budgetBytes) = 0;
        /// The newest events of all topics, oldest first, as many as fit in
        /// budgetBytes (counted as TopicHistory::bytesOf): what a hub loads
        /// into memory when it starts.

    virtual std::vector<TopicSummary> summaries() const = 0;
        /// Every topic that holds events or has lost some.
};

} // namespace feedhub

#endif // feedhub_HistoryStore_INCLUDED
