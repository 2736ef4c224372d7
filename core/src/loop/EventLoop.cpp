//
// EventLoop.cpp
//

#include "loop/EventLoop.h"
#include "Poco/Error.h"
#include "Poco/Exception.h"
#include "loop/Acceptor.h"
#include "util/HeldWakeups.h"
#include <algorithm>
#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace feedhub
{

namespace
{

constexpr int MAX_READY = 256;
constexpr std::size_t READ_CHUNK = 4096;
constexpr std::uint32_t READ_EVENTS = EPOLLIN | EPOLLRDHUP;
// Sockets are watched edge-triggered: readFrom() always drains what is there,
// and level triggering would have epoll poll every socket it reported once
// more on the next wait, only to find it empty (every answered poller, every
// publish).
constexpr std::uint32_t SOCKET_WATCH = EPOLLET;
// Subscribers written per round of the loop. Between slices the loop reads
// its sockets and queue again, so publishes keep arriving during a large
// fan-out, and the subscribers not yet written get their events together.
constexpr std::size_t SUBSCRIBER_WRITES_PER_ROUND = 128;

} // namespace

EventLoop::EventLoop(Bus& bus, Poco::Timespan heartbeatInterval, const std::string& name)
    : _bus(bus), _heartbeatInterval(heartbeatInterval), _thread(name),
      _logger(Poco::Logger::get("feedhub.loop")), _epoll(::epoll_create1(EPOLL_CLOEXEC)),
      _wakeFd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (_epoll < 0 || _wakeFd < 0)
        throw Poco::SystemException("cannot create the event loop's epoll or eventfd descriptor");
    epoll_event wakeEvent{};
    wakeEvent.events = EPOLLIN;
    wakeEvent.data.ptr = nullptr;
    ::epoll_ctl(_epoll, EPOLL_CTL_ADD, _wakeFd, &wakeEvent);
}

EventLoop::~EventLoop()
{
    stop();
    ::close(_wakeFd);
    ::close(_epoll);
}

void EventLoop::start()
{
    _bus.attach(*this);
    _nextHeartbeat = Poco::Clock() + _heartbeatInterval.totalMicroseconds();
    _thread.start(*this);
}

void EventLoop::stop()
{
    if (!_thread.isRunning())
        return;
    _bus.detach(*this);
    _stopping = true;
    wake();
    _thread.join();
}

void EventLoop::deliver(const EventPtr& event)
{
    std::lock_guard<std::mutex> lock(_queueMutex);
    _queuedEvents.push_back(event);
    wakeOnceLocked();
}

void EventLoop::post(std::function<void()> task)
{
    std::lock_guard<std::mutex> lock(_queueMutex);
    _queuedTasks.push_back(std::move(task));
    wakeOnceLocked();
}

void EventLoop::wakeOnceLocked()
{
    if (_woken)
        return;
    _woken = true;
    _queuedSince.update();
    // A publish answered on the loop delivers from the loop's own thread: it
    // takes the queue before its next wait, without an eventfd write and read.
    // One queue for both keeps events in the order the bus numbered them.
    if (inLoopThread())
        _takeBeforeWait = true;
    else
        wake();
}

void EventLoop::adopt(std::unique_ptr<LoopConnection> connection)
{
    // std::function needs a copyable callable, so the connection travels as a shared_ptr.
    auto parcel = std::make_shared<std::unique_ptr<LoopConnection>>(std::move(connection));
    post([this, parcel] { open(std::move(*parcel)); });
}

void EventLoop::listen(Acceptor& acceptor)
{
    _acceptor = &acceptor;
    epoll_event interest{};
    // Level-triggered and exclusive: every loop watches the one listening
    // socket, and a new connection wakes one of them, which accepts a batch.
    interest.events = EPOLLIN | EPOLLEXCLUSIVE;
    interest.data.ptr = &acceptor;
    if (::epoll_ctl(_epoll, EPOLL_CTL_ADD, acceptor.fd(), &interest) < 0)
        throw Poco::SystemException("cannot watch the listening socket", Poco::Error::getMessage(errno));
}

bool EventLoop::inLoopThread() const
{
    return Poco::Thread::current() == &_thread;
}

void EventLoop::wake()
{
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t ignored = ::write(_wakeFd, &one, sizeof one);
}

template <typename Callback> void EventLoop::guarded(LoopConnection& connection, Callback callback)
{
    // A connection whose code throws (a bug, or memory running out) is closed;
    // the loop and every other connection on it go on.
    try
    {
        callback();
    }
    catch (const Poco::Exception& exc)
    {
        _logger.error("closing a connection after an unexpected error: %s", exc.displayText());
        close(connection);
    }
    catch (const std::exception& exc)
    {
        _logger.error("closing a connection after an unexpected error: %s", std::string(exc.what()));
        close(connection);
    }
}

void EventLoop::run()
{
    epoll_event ready[MAX_READY];
    HeldWakeups::beginRounds();
    while (!_stopping)
    {
        const int count = ::epoll_wait(_epoll, ready, MAX_READY, nextTimeoutMs());
        if (count < 0 && errno != EINTR)
        {
            _logger.error("epoll_wait failed: %s", std::string(Poco::Error::getMessage(errno)));
            break;
        }
        for (int i = 0; i < count; ++i)
        {
            if (ready[i].data.ptr == nullptr)
            {
                std::uint64_t counter;
                [[maybe_unused]] ssize_t ignored = ::read(_wakeFd, &counter, sizeof counter);
                takeQueued();
                // What the events produced goes out now, not after the rest of
                // this batch of ready sockets has been read and parsed.
                writeDirty();
            }
            else if (ready[i].data.ptr == _acceptor)
                _acceptor->acceptReady(*this);
            else
                handleReady(*static_cast<LoopConnection*>(ready[i].data.ptr), ready[i].events);
        }
        fireDeadlines();
        sendHeartbeats();
        while (_takeBeforeWait)
            takeQueued();
        writeDirty();
        buryClosed();
        HeldWakeups::endRound();
    }
    closeAll();
    HeldWakeups::endRound();
}

void EventLoop::takeQueued()
{
    std::vector<EventPtr> events;
    std::vector<std::function<void()>> tasks;
    Poco::Clock queuedSince;
    {
        std::lock_guard<std::mutex> lock(_queueMutex);
        events.swap(_queuedEvents);
        tasks.swap(_queuedTasks);
        queuedSince = _queuedSince;
        _woken = false;
        _takeBeforeWait = false;
    }
    if (!events.empty() || !tasks.empty())
        _metrics.lag().observe(queuedSince.elapsed());
    for (auto& task : tasks)
        task();
    for (const EventPtr& event : events)
        dispatch(event);
}

void EventLoop::dispatch(const EventPtr& event)
{
    auto it = _watchers.find(event->topic());
    if (it == _watchers.end())
        return;
    // Iterate a copy: a connection may close or change its topics while we go.
    _dispatching.clear();
    for (const Watch& watch : it->second)
        _dispatching.push_back(watch.connection);
    for (LoopConnection* connection : _dispatching)
    {
        if (!connection->_closed)
            guarded(*connection, [&] { connection->eventPublished(event); });
    }
    // Every connection owed this event is queued at or before this position.
    _fanOutPending.push_back(PendingFanOut{event->time(), _dirtySubscribers.pushed()});
}

void EventLoop::open(std::unique_ptr<LoopConnection> connection)
{
    LoopConnection& ref = *connection;
    try
    {
        ref._socket.setBlocking(false);
        ref._socket.setNoDelay(true);
    }
    catch (Poco::Exception& exc)
    {
        _logger.debug("dropping a connection that went away before it was parked: %s", exc.displayText());
        return;
    }
    epoll_event interest{};
    interest.events = READ_EVENTS | SOCKET_WATCH;
    interest.data.ptr = &ref;
    if (::epoll_ctl(_epoll, EPOLL_CTL_ADD, ref._fd, &interest) < 0)
    {
        _logger.error("cannot watch socket %d: %s", ref._fd, std::string(Poco::Error::getMessage(errno)));
        return;
    }
    ref._loop = this;
    ref._outbox.setMeter(&_metrics.of(ref._transport).outbox);
    _metrics.of(ref._transport).connections.add(1);
    _connections.emplace(ref._fd, std::move(connection));
    guarded(ref, [&] { ref.opened(); });
}

void EventLoop::handleReady(LoopConnection& connection, std::uint32_t events)
{
    if (connection._closed)
        return;
    guarded(connection, [&] {
        if (events & (READ_EVENTS | EPOLLHUP | EPOLLERR))
            readFrom(connection);
        if (!connection._closed && (events & EPOLLOUT))
            writeTo(connection);
    });
}

void EventLoop::readFrom(LoopConnection& connection)
{
    char buffer[READ_CHUNK];
    while (!connection._closed)
    {
        const ssize_t got = ::recv(connection._fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got > 0)
        {
            connection.received(buffer, static_cast<std::size_t>(got));
            // Less than asked for: the socket is drained, and epoll reports
            // it again when more comes. A second recv() would only say
            // EAGAIN, one wasted system call per request.
            if (static_cast<std::size_t>(got) < sizeof buffer)
                return;
        }
        else if (got < 0 && errno == EINTR)
        {
            continue;
        }
        else
        {
            if (got == 0)
                connection.peerClosed();
            else if (errno != EAGAIN && errno != EWOULDBLOCK)
                close(connection);
            return;
        }
    }
}

void EventLoop::flush(LoopConnection& connection)
{
    if (connection._dirty || connection._closed)
        return;
    connection._dirty = true;
    // A subscriber (an event stream, a parked long poll) waits its turn in the
    // fan-out; an answer to a request (a publish's 201) goes out this round,
    // so that a publisher is not held behind the subscribers of its previous
    // event.
    const bool subscriber = connection._transport != LoopConnection::Transport::HTTP;
    (subscriber ? _dirtySubscribers : _dirtyReplies).push(connection);
}

void EventLoop::writeDirty()
{
    // The replies queued now; a reply's written() may queue the next one.
    for (std::size_t replies = _dirtyReplies.size(); replies > 0; --replies)
        writeNext(_dirtyReplies);
    for (std::size_t written = 0; written < SUBSCRIBER_WRITES_PER_ROUND && !_dirtySubscribers.empty();
         ++written)
        writeNext(_dirtySubscribers);
    if (_fanOutPending.empty() || _fanOutPending.front().queuedBefore > _dirtySubscribers.popped())
        return;
    const Poco::Timestamp now;
    while (!_fanOutPending.empty() && _fanOutPending.front().queuedBefore <= _dirtySubscribers.popped())
    {
        _metrics.fanOut().observe(now - _fanOutPending.front().published);
        _fanOutPending.pop_front();
    }
}

void EventLoop::writeNext(WriteQueue& queue)
{
    LoopConnection* connection = queue.pop();
    connection->_dirty = false;
    if (!connection->_closed)
        guarded(*connection, [&] { writeTo(*connection); });
}

void EventLoop::writeTo(LoopConnection& connection)
{
    switch (connection._outbox.flushTo(connection._fd))
    {
    case Outbox::Flush::DONE:
        if (connection._writeWatched)
            setWriteWatch(connection, false);
        connection.written();
        break;
    case Outbox::Flush::BLOCKED:
        if (!connection._writeWatched)
            setWriteWatch(connection, true);
        break;
    case Outbox::Flush::FAILED:
        close(connection);
        break;
    }
}

void EventLoop::setWriteWatch(LoopConnection& connection, bool on)
{
    epoll_event interest{};
    interest.events = (on ? (READ_EVENTS | EPOLLOUT) : READ_EVENTS) | SOCKET_WATCH;
    interest.data.ptr = &connection;
    ::epoll_ctl(_epoll, EPOLL_CTL_MOD, connection._fd, &interest);
    connection._writeWatched = on;
}

void EventLoop::watch(LoopConnection& connection, std::vector<std::string> topics)
{
    unwatchAll(connection);
    // Reserved first, so that once a topic's list holds the connection, the
    // connection's own entry for it cannot fail to follow.
    connection._watched.reserve(topics.size());
    for (std::string& topic : topics)
    {
        std::vector<Watch>& watchers = _watchers[topic];
        watchers.push_back(Watch{&connection, connection._watched.size()});
        connection._watched.push_back(LoopConnection::WatchedTopic{std::move(topic), watchers.size() - 1});
        _bus.countSubscribers(connection._watched.back().name, +1);
        _metrics.subscriptions().add(1);
    }
}

void EventLoop::unwatchAll(LoopConnection& connection)
{
    // Each answered long poll leaves its topic's list, so a fan-out to n
    // pollers would cost n^2 / 2 steps if the connection were searched for:
    // it knows its slot, and the last entry moves into it.
    for (const LoopConnection::WatchedTopic& watched : connection._watched)
    {
        auto it = _watchers.find(watched.name);
        std::vector<Watch>& watchers = it->second;
        const Watch moved = watchers.back();
        watchers[watched.slot] = moved;
        moved.connection->_watched[moved.topicIndex].slot = watched.slot;
        watchers.pop_back();
        if (watchers.empty())
            _watchers.erase(it);
        _bus.countSubscribers(watched.name, -1);
        _metrics.subscriptions().add(-1);
    }
    // clear() keeps the capacity for the connection's next poll.
    connection._watched.clear();
}

void EventLoop::close(LoopConnection& connection)
{
    if (connection._closed)
        return;
    ::epoll_ctl(_epoll, EPOLL_CTL_DEL, connection._fd, nullptr);
    retire(connection);
    _connections.erase(connection._fd);
}

void EventLoop::retire(LoopConnection& connection)
{
    connection._closed = true;
    _metrics.of(connection._transport).connections.add(-1);
    watch(connection, {});
    clearDeadline(connection);
    _closed.push_back(std::move(_connections.at(connection._fd)));
}

void EventLoop::replace(LoopConnection& connection, std::unique_ptr<LoopConnection> next)
{
    LoopConnection& ref = *next;
    retire(connection);
    ref._loop = this;
    ref._outbox.setMeter(&_metrics.of(ref._transport).outbox);
    _metrics.of(ref._transport).connections.add(1);
    ref._writeWatched = connection._writeWatched;
    _connections[ref._fd] = std::move(next);
    epoll_event interest{};
    interest.events = (ref._writeWatched ? (READ_EVENTS | EPOLLOUT) : READ_EVENTS) | SOCKET_WATCH;
    interest.data.ptr = &ref;
    ::epoll_ctl(_epoll, EPOLL_CTL_MOD, ref._fd, &interest);
    guarded(ref, [&] { ref.opened(); });
}

void EventLoop::buryClosed()
{
    if (std::any_of(_closed.begin(), _closed.end(),
                    [](const auto& connection) { return connection->_dirty; }))
    {
        _dirtyReplies.removeClosed();
        _dirtySubscribers.removeClosed();
    }
    _closed.clear();
}

void EventLoop::closeAll()
{
    // A connection's goodbye may close it, which leaves the map: walk a copy.
    _dispatching.clear();
    for (auto& entry : _connections)
        _dispatching.push_back(entry.second.get());
    for (LoopConnection* connection : _dispatching)
    {
        guarded(*connection, [&] { connection->loopStopping(); });
        if (!connection->_closed)
            connection->_outbox.flushTo(connection->_fd);
    }
    while (!_connections.empty())
        close(*_connections.begin()->second);
    buryClosed();
}

void EventLoop::setDeadline(LoopConnection& connection, Poco::Clock deadline)
{
    _deadlines.set(connection, deadline);
}

void EventLoop::clearDeadline(LoopConnection& connection)
{
    _deadlines.clear(connection);
}

void EventLoop::fireDeadlines()
{
    const Poco::Clock now;
    while (LoopConnection* connection = _deadlines.popDue(now))
        guarded(*connection, [&] { connection->deadlineReached(); });
}

void EventLoop::sendHeartbeats()
{
    if (_heartbeatInterval.totalMicroseconds() <= 0)
        return;
    const Poco::Clock now;
    if (now < _nextHeartbeat)
        return;
    _nextHeartbeat = now + _heartbeatInterval.totalMicroseconds();
    // A heartbeat may close its connection, which leaves the map: walk a copy.
    _dispatching.clear();
    for (auto& entry : _connections)
        _dispatching.push_back(entry.second.get());
    for (LoopConnection* connection : _dispatching)
    {
        if (!connection->_closed)
            guarded(*connection, [&] { connection->heartbeat(); });
    }
}

int EventLoop::nextTimeoutMs() const
{
    // Connections still owed a write (a fan-out goes a slice per round), or
    // work queued by the loop's own thread after the queue was taken, wait for
    // the next turn.
    if (!_dirtyReplies.empty() || !_dirtySubscribers.empty() || _takeBeforeWait)
        return 0;
    Poco::Clock::ClockDiff wait = _heartbeatInterval.totalMicroseconds() > 0
                                      ? _nextHeartbeat - Poco::Clock()
                                      : Poco::Clock::ClockDiff(60) * 1000000;
    if (const std::optional<Poco::Clock> soonest = _deadlines.soonest())
        wait = std::min(wait, *soonest - Poco::Clock());
    // Round up so that we wake after a deadline, not a hair before it.
    return static_cast<int>(std::max<Poco::Clock::ClockDiff>(0, (wait + 999) / 1000));
}

} // namespace feedhub
