//
// InProcessBus.h
//
// Definition of the InProcessBus class.
//

#ifndef feedhub_InProcessBus_INCLUDED
#define feedhub_InProcessBus_INCLUDED

#include "Poco/Timespan.h"
#include "bus/Bus.h"
#include "bus/TopicSubscribers.h"
#include "history/HistoryJournal.h"
#include "history/MemoryHistoryStore.h"
#include <limits>
#include <map>
#include <memory>
#include <mutex>

namespace feedhub
{

class InProcessBus : public Bus
    /// The bus of a single hub process.
    ///
    /// History lives in memory (MemoryHistoryStore), bounded per topic and by
    /// a hub-wide budget, and, with a journal, in a file store behind it that
    /// keeps what the budget cannot. Published events get their sequence
    /// under the bus's lock, go to the journal's thread to be stored, and
    /// only then enter memory and reach the sinks, still in sequence order;
    /// the lock is never held while the disk is written or read. A resume
    /// from further back than memory reaches is read by the journal's
    /// thread (replayStored()), never by the caller's.
    ///
    /// Sequence numbers start after the wall-clock time in microseconds when
    /// the bus is created, and after the journal's highest, so ids keep
    /// increasing across restarts.
{
public:
    struct Limits
    {
        HistoryStore::Bounds history;
        std::size_t memoryBudgetBytes = std::numeric_limits<std::size_t>::max();
        std::size_t maxTopics = std::numeric_limits<std::size_t>::max();
    };

    struct JournalOptions
    {
        std::size_t groupEvents = 1000;
            /// Most events stored in one transaction.
        Poco::Timespan commitWindow;
            /// Longest wait for more publishes to share a transaction.
    };

    explicit InProcessBus(const Limits& limits);
        /// A bus whose history is in memory only.

    InProcessBus(const Limits& limits, std::unique_ptr<HistoryStore> journal, const JournalOptions& options);
        /// A bus whose history is kept by journal too; memory starts with
        /// the journal's newest events, as many as the budget holds.

    ~InProcessBus() override;

    std::vector<EventPtr> publish(const std::vector<Publication>& publications) override;
    void publish(std::vector<Publication> publications, Published done) override;
    using Publisher::publish;
    std::size_t subscriberCount(const std::string& topic) const override;

    void attach(EventSink& sink) override;
    void detach(EventSink& sink) override;
    Replay replay(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit) override;
    void replayStored(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit,
                      Replayed done) override;
    bool canReplay(const std::vector<std::string>& topics, std::uint64_t after) const override;
    std::vector<EventPtr> newest(const std::vector<std::string>& topics) override;
    std::uint64_t lastSequence() const override;
    void countSubscribers(const std::string& topic, int delta) override;
    std::vector<TopicStatus> topics() const override;
    void expire() override;
    void close() override;

private:
    void loadFromJournal();
    void checkRoomFor(const std::vector<Publication>& publications) const;
    void commitLocked(const std::vector<EventPtr>& events);
    void stored(const std::vector<EventPtr>& events, const std::string& error, const Published& done);
    bool lostLocked(const std::string& topic, std::uint64_t after, bool& inJournal) const;

    Limits _limits;
    mutable std::mutex _mutex;
    MemoryHistoryStore _memory;
    std::unique_ptr<HistoryJournal> _journal;
    std::uint64_t _originSequence;
    TopicSubscribers _subscribers;
    std::vector<EventSink*> _sinks;
    std::uint64_t _lastAssigned;
    std::uint64_t _lastStored;
};

} // namespace feedhub

#endif // feedhub_InProcessBus_INCLUDED
