//
// LoopConnection.h
//
// Definition of the LoopConnection class.
//

#ifndef feedhub_LoopConnection_INCLUDED
#define feedhub_LoopConnection_INCLUDED

#include "Poco/Net/StreamSocket.h"
#include "loop/ConnectionLimit.h"
#include "loop/DeadlineQueue.h"
#include "feedhub/Event.h"
#include "loop/Outbox.h"
#include "metrics/LoopMetrics.h"
#include <string>
#include <vector>

namespace feedhub
{

class EventLoop;

class LoopConnection
    /// A client socket served by an event loop: an HTTP connection, or the
    /// event stream one became.
    ///
    /// The loop owns it and calls it only from the loop thread. Subclasses
    /// react to events on their topics, to heartbeats and to their deadline;
    /// the loop does the socket work.
{
public:
    using Transport = LoopMetrics::Transport;

    LoopConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot,
                   Transport transport = Transport::HTTP);
        /// transport is what the connection counts as in its loop's metrics.
    virtual ~LoopConnection();

    LoopConnection(const LoopConnection&) = delete;
    LoopConnection& operator=(const LoopConnection&) = delete;

    virtual void opened() = 0;
        /// Called once, on the loop thread, when the loop has taken the socket.

    virtual void eventPublished(const EventPtr& event) = 0;
        /// Called for each event on a topic the connection watches.

    virtual void heartbeat();
        /// Called every heartbeat interval; does nothing by default.

    virtual void deadlineReached();
        /// Called when the deadline set with EventLoop::setDeadline() passes;
        /// closes the connection by default.

    virtual void received(const char* data, std::size_t length);
        /// Called with bytes the client sent; ignores them by default.

    virtual void peerClosed();
        /// Called when the client has closed its sending side; closes the
        /// connection by default.

    virtual void written();
        /// Called when the loop has written out the whole outbox; does
        /// nothing by default.

    virtual void loopStopping();
        /// Called when the loop stops, before it closes the connection: what
        /// it queues (a goodbye) is written if the socket takes it at once.
        /// Does nothing by default.

    int fd() const { return _fd; }
    const Poco::Net::StreamSocket& socket() const { return _socket; }
    bool closed() const { return _closed; }
    bool holdsSlot() const { return static_cast<bool>(_slot); }
        /// False for a connection accepted past the hub's connection limit.
    ConnectionLimit::Slot takeSlot() { return std::move(_slot); }
        /// Gives up the connection's place in the limit, for the connection
        /// that takes over its socket (EventLoop::replace()).
    Outbox& outbox() { return _outbox; }
    EventLoop& loop() const { return *_loop; }
    Transport transport() const { return _transport; }
    void setTransport(Transport transport);
        /// Counts the connection as another transport from now on (an HTTP
        /// connection parked on a long poll, say).
    std::vector<std::string> topics() const;
        /// The topics whose events the connection receives.

private:
    friend class EventLoop;
    friend class DeadlineQueue<LoopConnection>;

    struct WatchedTopic
        /// A topic the connection watches, and where in the loop's list of
        /// that topic's watchers it is.
    {
        std::string name;
        std::size_t slot;
    };

    DeadlineQueue<LoopConnection>::Entry& deadlineEntry() { return _deadline; }

    Poco::Net::StreamSocket _socket;
    ConnectionLimit::Slot _slot;
    int _fd;
    EventLoop* _loop = nullptr;
    Transport _transport;
    Outbox _outbox;
    std::vector<WatchedTopic> _watched;
    bool _writeWatched = false;
    bool _dirty = false;
    bool _closed = false;
    DeadlineQueue<LoopConnection>::Entry _deadline;
};

} // namespace feedhub

#endif // feedhub_LoopConnection_INCLUDED
