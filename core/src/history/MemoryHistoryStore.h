//
// MemoryHistoryStore.h
//
// Definition of the MemoryHistoryStore class.
//

#ifndef feedhub_MemoryHistoryStore_INCLUDED
#define feedhub_MemoryHistoryStore_INCLUDED

#include "history/HistoryStore.h"
#include "history/TopicHistory.h"
#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace feedhub
{

class MemoryHistoryStore : public HistoryStore
    /// History held in memory: each topic's bounds, and a hub-wide budget of
    /// bytes beyond which the oldest events of any topic are evicted first.
    ///
    /// It is the whole history of a hub with `[history] store = memory`, and
    /// the recent window in front of the journal otherwise. Not thread-safe:
    /// the bus guards it.
{
public:
    explicit MemoryHistoryStore(const Bounds& bounds,
                                std::size_t budgetBytes = std::numeric_limits<std::size_t>::max());

    void append(const std::vector<EventPtr>& events) override;
    std::vector<EventPtr> readAfter(const std::vector<std::string>& topics, std::uint64_t after,
                                    std::size_t limit) override;
    bool lostAfter(const std::string& topic, std::uint64_t after) const override;
    std::uint64_t lastSequence() const override { return _lastSequence; }
    std::uint64_t originSequence() const override { return _originSequence; }
    void trim(const Poco::Timestamp& now) override;

    template <typename Keep> void trim(const Poco::Timestamp& now, Keep keep);
        /// trim(), but a topic left empty is forgotten only if keep(name) is false.
    std::vector<EventPtr> recent(std::size_t budgetBytes) override;
    std::vector<TopicSummary> summaries() const override;

    bool holds(const std::string& topic) const { return _topics.count(topic) != 0; }
        /// True if the topic has an entry (something was published to it and
        /// it was not forgotten since).

    std::size_t topicCount() const { return _topics.size(); }
    std::size_t bytes() const { return _bytes; }

    void reserve(const std::string& topic);
        /// Creates the topic's entry, so that it counts against the hub's
        /// topic limit while its first events are being stored.

    EventPtr newest(const std::string& topic);
        /// The newest held event of the topic within its age bound, or null.

    std::vector<EventPtr> newest(const std::vector<std::string>& topics);
        /// The newest held event of each topic that has one, oldest first
        /// (Bus::newest()).

    void forgetThrough(const std::string& topic, std::uint64_t sequence);
        /// Records that the topic's events up to sequence are not held here.

private:
    struct Entry
    {
        explicit Entry(const Bounds& bounds) : history(bounds.maxEvents, bounds.maxAge, bounds.maxBytes) {}
        TopicHistory history;
    };

    template <typename Change> void change(Entry& entry, Change change);
        /// Applies change to the entry's history, keeping the byte total and
        /// the order of oldest events right.

    Bounds _bounds;
    std::size_t _budgetBytes;
    std::map<std::string, Entry> _topics;
    std::set<std::pair<std::uint64_t, Entry*>> _oldest;
        /// Each non-empty topic by the sequence of its oldest event: the
        /// budget evicts from the first.
    std::size_t _bytes = 0;
    std::uint64_t _originSequence;
    std::uint64_t _lastSequence = 0;
    std::uint64_t _forgottenSequence = 0;
        /// The newest sequence of any topic forgotten by trim(): a client
        /// resuming before it on a topic no longer known may have missed events.
};

template <typename Keep> void MemoryHistoryStore::trim(const Poco::Timestamp& now, Keep keep)
{
    for (auto it = _topics.begin(); it != _topics.end();)
    {
        change(it->second, [&](TopicHistory& history) { history.expire(now); });
        if (it->second.history.size() == 0 && !keep(it->first))
        {
            _forgottenSequence = std::max(_forgottenSequence, it->second.history.lastSequence());
            it = _topics.erase(it);
        }
        else
            ++it;
    }
}

template <typename Change> void MemoryHistoryStore::change(Entry& entry, Change change)
{
    const std::uint64_t oldestBefore = entry.history.oldestSequence();
    const std::size_t bytesBefore = entry.history.bytes();
    change(entry.history);
    _bytes = _bytes - bytesBefore + entry.history.bytes();
    const std::uint64_t oldestAfter = entry.history.oldestSequence();
    if (oldestAfter == oldestBefore)
        return;
    if (oldestBefore != 0)
        _oldest.erase({oldestBefore, &entry});
    if (oldestAfter != 0)
        _oldest.insert({oldestAfter, &entry});
}

} // namespace feedhub

#endif // feedhub_MemoryHistoryStore_INCLUDED
