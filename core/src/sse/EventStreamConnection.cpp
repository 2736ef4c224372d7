//
// EventStreamConnection.cpp
//

#include "sse/EventStreamConnection.h"
#include "Poco/Logger.h"
#include "Poco/NumberFormatter.h"
#include "loop/EventLoop.h"
#include "sse/EventStreamFormat.h"

namespace feedhub
{

namespace
{

const Outbox::Chunk& heartbeatChunk()
{
    static const Outbox::Chunk chunk = std::make_shared<const std::string>(EventStreamFormat::heartbeat());
    return chunk;
}

// How far past its outbox limit a subscriber that history could not serve
// after a reconnect is kept, before it is disconnected all the same.
constexpr std::size_t UNREPLAYABLE_LIMIT_FACTOR = 4;

} // namespace

const std::string EventStreamConnection::TRUNCATED_TYPE = "feedhub.truncated";

EventStreamConnection::EventStreamConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot connection,
                                             ConnectionLimit::Slot subscriber, std::vector<std::string> topics,
                                             Options options)
    : LoopConnection(std::move(socket), std::move(connection), Transport::SSE), _subscriber(std::move(subscriber)),
      _requestedTopics(std::move(topics)),
      _options(std::move(options))
{
}

void EventStreamConnection::opened()
{
    outbox().push(std::move(_options.responseHead) + EventStreamFormat::retry(_options.retryMs));
    if (!_options.resumeAfter)
    {
        goLive();
        return;
    }
    Bus::Replay replay = loop().bus().replay(_requestedTopics, *_options.resumeAfter, 0);
    if (!replay.inJournal)
    {
        sendReplay(replay);
        goLive();
        return;
    }
    // Older than memory reaches: the journal's thread reads it. Watching
    // first, and holding live events until the replay is sent, leaves no gap.
    _awaitingReplay = true;
    const std::vector<std::string> topics = _requestedTopics;
    goLive();
    const std::weak_ptr<bool> alive = _alive;
    EventLoop* eventLoop = &loop();
    loop().bus().replayStored(topics, *_options.resumeAfter, 0, [this, alive, eventLoop](Bus::Replay stored) {
        eventLoop->post([this, alive, stored = std::move(stored)] {
            if (alive.lock())
                replayed(stored);
        });
    });
}

void EventStreamConnection::replayed(const Bus::Replay& replay)
{
    _awaitingReplay = false;
    sendReplay(replay);
    std::vector<EventPtr> held;
    held.swap(_heldLive);
    for (const EventPtr& event : held)
        eventPublished(event);
    loop().flush(*this);
}

void EventStreamConnection::sendReplay(const Bus::Replay& replay)
{
    if (replay.truncated)
    {
        const std::string after =
            Poco::NumberFormatter::format(static_cast<Poco::UInt64>(*_options.resumeAfter));
        outbox().push("event: " + TRUNCATED_TYPE + "\ndata: {\"after\":\"" + after + "\"}\n\n");
    }
    for (const EventPtr& event : replay.events)
        outbox().push(Outbox::Chunk(event, &event->frame()));
    loop().metrics().of(Transport::SSE).delivered.add(static_cast<std::int64_t>(replay.events.size()));
    _lastSent = replay.position;
    _behindFrom = *_options.resumeAfter;
}

void EventStreamConnection::goLive()
{
    loop().watch(*this, std::move(_requestedTopics));
    if (_options.greetings)
    {
        for (std::string& frame : _options.greetings->framesFor(topics()))
            outbox().push(std::move(frame));
    }
    if (_options.closeAt)
        loop().setDeadline(*this, *_options.closeAt);
    loop().flush(*this);
}

void EventStreamConnection::deadlineReached()
{
    Poco::Logger::get("feedhub.sse").debug("closing a stream whose token has expired");
    loop().close(*this);
}

void EventStreamConnection::eventPublished(const EventPtr& event)
{
    if (_awaitingReplay)
    {
        _heldLive.push_back(event);
        return;
    }
    if (event->sequence() <= _lastSent)
        return;
    if (outbox().empty())
        _behindFrom = _lastSent;
    _lastSent = event->sequence();
    outbox().push(Outbox::Chunk(event, &event->frame()));
    loop().metrics().of(Transport::SSE).delivered.add(1);
    // Writes wait for the end of the loop's batch; a burst (or one event)
    // larger than the limit is no reason to drop a client whose socket takes it.
    if (outbox().pendingBytes() > _options.outboxLimit)
        outbox().flushTo(fd());
    if (outbox().pendingBytes() > _options.outboxLimit && mayDisconnect())
    {
        Poco::Logger::get("feedhub.sse")
            .information("disconnecting a subscriber %d bytes behind; it will resume from its last id",
                         static_cast<int>(outbox().pendingBytes()));
        loop().metrics().of(Transport::SSE).slowDisconnects.add(1);
        loop().close(*this);
        return;
    }
    loop().flush(*this);
}

bool EventStreamConnection::mayDisconnect()
{
    // The client has everything up to _behindFrom at least: it resumes from
    // there, so it is cut off only if history still holds all that follows.
    if (loop().bus().canReplay(topics(), _behindFrom))
        return true;
    return outbox().pendingBytes() > UNREPLAYABLE_LIMIT_FACTOR * _options.outboxLimit;
}

void EventStreamConnection::heartbeat()
{
    if (!outbox().empty() || _awaitingReplay)
        return;
    outbox().push(heartbeatChunk());
    loop().flush(*this);
}

} // namespace feedhub
