//
// HistoryJournal.h
//
// Definition of the HistoryJournal class.
//

#ifndef feedhub_HistoryJournal_INCLUDED
#define feedhub_HistoryJournal_INCLUDED

#include "Poco/Logger.h"
#include "Poco/Runnable.h"
#include "Poco/Thread.h"
#include "Poco/Timespan.h"
#include "history/HistoryStore.h"
#include "util/HeldWakeups.h"
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace feedhub
{

class HistoryJournal : private Poco::Runnable, private HeldWakeups::Target
    /// The thread that owns a file store: it writes appended batches, runs
    /// reads of older history and trims, one at a time, so that no other
    /// thread ever waits on the disk while holding a lock.
    ///
    /// Batches that arrive together are written in one transaction (group
    /// commit): the thread takes every batch queued, up to a number of
    /// events, waiting at most the commit window for more, so a burst of
    /// publishes costs one commit, not one each. A batch queued by an event
    /// loop wakes the thread when the loop's round ends (HeldWakeups), so
    /// the publishes of one round are one group.
{
public:
    using Committed = std::function<void(const std::string& error)>;
        /// Called on the journal thread once a batch is stored (error empty)
        /// or could not be (error says why; nothing of the batch is stored).

    using Task = std::function<void(HistoryStore& store)>;

    HistoryJournal(std::unique_ptr<HistoryStore> store, std::size_t groupEvents, Poco::Timespan commitWindow);
    ~HistoryJournal();
        /// Stores what is queued, then joins the thread.

    void append(std::vector<EventPtr> events, Committed committed);
        /// Queues a batch. Any thread; never waits on the disk. The batches
        /// are stored, and committed called, in the order they were queued.

    void post(Task task);
        /// Runs task on the journal thread, after the batches queued before it
        /// are stored. Any thread; never waits on the disk.

    void stop();
        /// Stores what is queued and joins the thread; later batches fail.

    HistoryStore& store() { return *_store; }
        /// For the calls a store allows from any thread.

private:
    struct Batch
    {
        std::vector<EventPtr> events;
        Committed committed;
    };

    void run() override;
    void wakeNow() override;
    void commit(std::deque<Batch>& batches);

    std::unique_ptr<HistoryStore> _store;
    std::size_t _groupEvents;
    Poco::Timespan _commitWindow;
    Poco::Logger& _logger;
    std::mutex _mutex;
    std::condition_variable _wake;
    std::deque<Batch> _batches;
    std::size_t _queuedEvents = 0;
    std::deque<Task> _tasks;
    bool _stopping = false;
    Poco::Thread _thread;
};

} // namespace feedhub

#endif // feedhub_HistoryJournal_INCLUDED
