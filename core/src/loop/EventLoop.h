//
// EventLoop.h
//
// Definition of the EventLoop class.
//

#ifndef feedhub_EventLoop_INCLUDED
#define feedhub_EventLoop_INCLUDED

#include "Poco/Clock.h"
#include "Poco/Logger.h"
#include "Poco/Runnable.h"
#include "Poco/Thread.h"
#include "Poco/Timespan.h"
#include "bus/Bus.h"
#include "loop/DeadlineQueue.h"
#include "bus/EventSink.h"
#include "loop/LoopConnection.h"
#include "loop/WriteQueue.h"
#include "metrics/LoopMetrics.h"
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace feedhub
{

class Acceptor;

class EventLoop : public EventSink, private Poco::Runnable
    /// One thread that serves many parked connections with epoll.
    ///
    /// Events from the bus are queued and handed to the connections watching
    /// their topics in batches; each connection that got something is then
    /// flushed with one system call, a bounded slice of them per round (see
    /// WriteQueue). Write readiness is watched only while a
    /// connection has bytes the socket would not take.
{
public:
    EventLoop(Bus& bus, Poco::Timespan heartbeatInterval, const std::string& name);
    ~EventLoop() override;

    void start();
    void stop();
        /// Closes every connection and joins the thread.

    void deliver(const EventPtr& event) override;
        /// Queues an event for the loop thread. Any thread.

    void adopt(std::unique_ptr<LoopConnection> connection);
        /// Hands a connection to the loop thread, which then opens it. Any thread.

    void post(std::function<void()> task);
        /// Runs task on the loop thread. Any thread.

    void listen(Acceptor& acceptor);
        /// Accepts connections with acceptor whenever its listening socket
        /// is readable. Before start().

    bool inLoopThread() const;

    const LoopMetrics& metrics() const { return _metrics; }
        /// What the loop counts, for /metrics. Any thread.

    // The rest is for connections, on the loop thread.

    Bus& bus() { return _bus; }
    LoopMetrics& metrics() { return _metrics; }

    void watch(LoopConnection& connection, std::vector<std::string> topics);
        /// Replaces the topics whose events the connection receives.

    void flush(LoopConnection& connection);
        /// Writes the connection's outbox at the end of the current batch.

    void close(LoopConnection& connection);
        /// Closes the socket and destroys the connection after the current batch.

    void replace(LoopConnection& connection, std::unique_ptr<LoopConnection> next);
        /// Hands connection's socket to next (an HTTP connection that became
        /// an event stream, say): next is opened at once, and connection is
        /// destroyed after the current batch without closing the socket.

    void setDeadline(LoopConnection& connection, Poco::Clock deadline);
        /// Calls the connection's deadlineReached() when the monotonic clock
        /// passes deadline, unless cleared or set again first.

    void clearDeadline(LoopConnection& connection);

private:
    void run() override;
    void wake();
    void wakeOnceLocked();
    void takeQueued();
    void dispatch(const EventPtr& event);
    void handleReady(LoopConnection& connection, std::uint32_t events);
    template <typename Callback> void guarded(LoopConnection& connection, Callback callback);
    void readFrom(LoopConnection& connection);
    void writeDirty();
    void writeNext(WriteQueue& queue);
    void writeTo(LoopConnection& connection);
    void setWriteWatch(LoopConnection& connection, bool on);
    void sendHeartbeats();
    void fireDeadlines();
    int nextTimeoutMs() const;
    void open(std::unique_ptr<LoopConnection> connection);
    void closeAll();
    void buryClosed();
    void unwatchAll(LoopConnection& connection);
    void retire(LoopConnection& connection);

    Bus& _bus;
    Poco::Timespan _heartbeatInterval;
    Poco::Clock _nextHeartbeat;
    Poco::Thread _thread;
    Poco::Logger& _logger;
    int _epoll;
    int _wakeFd;
    Acceptor* _acceptor = nullptr;
    std::atomic<bool> _stopping{false};
    LoopMetrics _metrics;
        /// Before the connections, whose outboxes count in it until they go.

    std::mutex _queueMutex;
    std::vector<EventPtr> _queuedEvents;
    std::vector<std::function<void()>> _queuedTasks;
    bool _woken = false;
    bool _takeBeforeWait = false; // only the loop thread sets and reads it
    Poco::Clock _queuedSince;
        /// When the queue was first given work since the loop last took it.

    std::unordered_map<int, std::unique_ptr<LoopConnection>> _connections;
    struct Watch
        /// A connection watching a topic, and which of its topics that is.
    {
        LoopConnection* connection;
        std::size_t topicIndex;
    };

    std::unordered_map<std::string, std::vector<Watch>> _watchers;
    WriteQueue _dirtyReplies;
    WriteQueue _dirtySubscribers;
    std::vector<LoopConnection*> _dispatching;
    std::vector<std::unique_ptr<LoopConnection>> _closed;
    DeadlineQueue<LoopConnection> _deadlines;
    struct PendingFanOut
        /// An event dispatched whose writes are not all done.
    {
        Poco::Timestamp published;
        std::uint64_t queuedBefore;
            /// The subscriber write queue's position its last subscriber was queued at.
    };

    std::deque<PendingFanOut> _fanOutPending;
};

} // namespace feedhub

#endif // feedhub_EventLoop_INCLUDED
