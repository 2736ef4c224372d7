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

} // namespace

const std::string EventStreamConnection::TRUNCATED_TYPE = "feedhub.truncated";

EventStreamConnection::EventStreamConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot connection,
                                             ConnectionLimit::Slot subscriber, std::vector<std::string> topics,
                                             Options options)
    : LoopConnection(std::move(socket), std::move(connection)), _subscriber(std::move(subscriber)),
      _requestedTopics(std::move(topics)),
      _options(std::move(options))
{
}

void EventStreamConnection::opened()
{
    outbox().push(std::move(_options.responseHead) + EventStreamFormat::retry(_options.retryMs));
    if (_options.resumeAfter)
    {
        Bus::Replay replay = loop().bus().replay(_requestedTopics, *_options.resumeAfter, 0);
        if (replay.truncated)
        {
            const std::string after =
                Poco::NumberFormatter::format(static_cast<Poco::UInt64>(*_options.resumeAfter));
            outbox().push("event: " + TRUNCATED_TYPE + "\ndata: {\"after\":\"" + after + "\"}\n\n");
        }
        for (const EventPtr& event : replay.events)
            outbox().push(Outbox::Chunk(event, &event->frame()));
        _lastSent = replay.position;
    }
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
    if (event->sequence() <= _lastSent)
        return;
    _lastSent = event->sequence();
    outbox().push(Outbox::Chunk(event, &event->frame()));
    // Writes wait for the end of the loop's batch; a burst (or one event)
    // larger than the limit is no reason to drop a client whose socket takes it.
    if (outbox().pendingBytes() > _options.outboxLimit)
        outbox().flushTo(fd());
    if (outbox().pendingBytes() > _options.outboxLimit)
    {
        Poco::Logger::get("feedhub.sse")
            .information("disconnecting a subscriber %d bytes behind; it will resume from its last id",
                         static_cast<int>(outbox().pendingBytes()));
        loop().close(*this);
        return;
    }
    loop().flush(*this);
}

void EventStreamConnection::heartbeat()
{
    if (!outbox().empty())
        return;
    outbox().push(heartbeatChunk());
    loop().flush(*this);
}

} // namespace feedhub
