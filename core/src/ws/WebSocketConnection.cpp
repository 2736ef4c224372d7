//
// WebSocketConnection.cpp
//

#include "ws/WebSocketConnection.h"
#include "Poco/JSONString.h"
#include "Poco/Logger.h"
#include "Poco/NumberFormatter.h"
#include "feedhub/HttpError.h"
#include "loop/EventLoop.h"
#include "poll/EventJsonFormat.h"
#include "ws/WebSocketFrames.h"
#include <algorithm>
#include <sys/socket.h>
#include <wslay/wslay.h>

namespace feedhub
{

namespace
{

// How long a closed connection keeps reading what the client still sends,
// so that closing does not reset the connection and lose the close frame.
constexpr Poco::Clock::ClockDiff LINGER_MICROSECONDS = 2 * 1000000;

bool contains(const std::vector<std::string>& topics, const std::string& topic)
{
    return std::find(topics.begin(), topics.end(), topic) != topics.end();
}

Poco::Logger& logger()
{
    return Poco::Logger::get("feedhub.ws");
}

} // namespace

const std::string WebSocketConnection::TRUNCATED_TYPE = "feedhub.truncated";

WebSocketConnection::WebSocketConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot connection,
                                         ConnectionLimit::Slot subscriber, Options options)
    : LoopConnection(std::move(socket), std::move(connection), Transport::WEBSOCKET),
      _subscriber(std::move(subscriber)),
      _options(std::move(options)), _endpoint(*this, _options.maxMessageBytes)
{
}

void WebSocketConnection::opened()
{
    outbox().push(std::move(_options.responseHead));
    std::string().swap(_options.responseHead);
    // Nothing before the connection is owed to it but what a subscribe replays.
    _lastSent = loop().bus().lastSequence();
    loop().flush(*this);
    std::string early;
    early.swap(_options.received);
    if (!early.empty())
        received(early.data(), early.size());
}

void WebSocketConnection::received(const char* data, std::size_t length)
{
    if (_lingering)
        return;
    _endpoint.receive(data, length);
    finishIfClosing();
}

void WebSocketConnection::messageReceived(const std::string& text)
{
    _pingUnanswered = false;
    if (closed() || _endpoint.closing())
        return;
    const WebSocketRequest request = WebSocketRequest::parse(text, _options.limits);
    if (!request.error.empty())
    {
        refuse(request.ref, request.error);
        return;
    }
    switch (request.op)
    {
    case WebSocketRequest::Op::SUBSCRIBE:
    case WebSocketRequest::Op::UNSUBSCRIBE:
        if (_replaying)
            refuse(request.ref, "a subscribe is still replaying history: send this once it is answered");
        else if (request.op == WebSocketRequest::Op::SUBSCRIBE)
            subscribe(request);
        else
            unsubscribe(request);
        break;
    case WebSocketRequest::Op::PUBLISH:
        publish(request);
        break;
    }
}

void WebSocketConnection::subscribe(const WebSocketRequest& request)
{
    try
    {
        const std::optional<Poco::Timestamp> expiry = _options.authorizer->authorizeSubscribe(*_options.upgrade, request.topics);
        if (expiry && (!_tokenExpiry || *expiry < *_tokenExpiry))
            _tokenExpiry = expiry;
    }
    catch (const HttpError& error)
    {
        refuse(request.ref, error.what());
        return;
    }
    const std::vector<std::string> current = topics();
    std::vector<std::string> all = current;
    for (const std::string& topic : request.topics)
    {
        if (!contains(all, topic))
            all.push_back(topic);
    }
    if (all.size() > _options.limits.maxTopics)
    {
        refuse(request.ref, "too many topics: at most " +
                                Poco::NumberFormatter::format(_options.limits.maxTopics) + " per connection");
        return;
    }
    // One replay covers both: the topics already watched from the
    // connection's position (their events still queued for this loop), the
    // new ones from the client's lastEventId, or from now. Every later event
    // is skipped up to the replay's position, so nothing comes twice and
    // nothing is lost.
    const std::uint64_t newAfter = request.resumeAfter.value_or(loop().bus().lastSequence());
    const Bus::Replay replay = loop().bus().replay(all, std::min(_lastSent, newAfter), 0);
    if (!replay.inJournal)
    {
        replayed(request, current, newAfter, replay);
        return;
    }
    // Older than memory reaches: the journal's thread reads it. Watching
    // first, and holding live events until the replay is sent, leaves no gap.
    _replaying = true;
    loop().watch(*this, all);
    loop().bus().replayStored(all, std::min(_lastSent, newAfter), 0,
                              [this, request, current, newAfter, eventLoop = &loop(),
                               anchor = std::weak_ptr<char>(_anchor)](Bus::Replay stored) {
                                  eventLoop->post([this, request, current, newAfter, anchor,
                                                   stored = std::move(stored)] {
                                      if (!anchor.expired() && !closed())
                                          replayed(request, current, newAfter, stored);
                                  });
                              });
}

void WebSocketConnection::replayed(const WebSocketRequest& request, const std::vector<std::string>& current,
                                   std::uint64_t newAfter, const Bus::Replay& replay)
{
    std::vector<std::string> all = current;
    for (const std::string& topic : request.topics)
    {
        if (!contains(all, topic))
            all.push_back(topic);
    }
    if (replay.truncated && request.resumeAfter)
    {
        outbox().push(WebSocketFrames::text(
            "{\"type\":\"" + TRUNCATED_TYPE + "\",\"data\":{\"after\":\"" +
            Poco::NumberFormatter::format(static_cast<Poco::UInt64>(newAfter)) + "\"}}"));
    }
    for (const EventPtr& event : replay.events)
    {
        const bool watched = contains(current, event->topic());
        if (event->sequence() > (watched ? _lastSent : newAfter))
            pushEvent(event);
    }
    _lastSent = std::max(_lastSent, replay.position);
    if (_replaying)
    {
        _replaying = false;
        for (const EventPtr& event : _held)
        {
            if (event->sequence() > _lastSent)
            {
                _lastSent = event->sequence();
                pushEvent(event);
            }
        }
        _held.clear();
    }
    else
        loop().watch(*this, std::move(all));
    answer(request.ref, "\"ok\":true");
    std::vector<std::string> added;
    for (const std::string& topic : request.topics)
    {
        if (!contains(current, topic))
            added.push_back(topic);
    }
    greet(added);
}

void WebSocketConnection::greet(const std::vector<std::string>& topics)
{
    if (!_options.greetings || topics.empty())
        return;
    // As on SSE, a greeting has no id: it does not move the client's position.
    for (const SubscriberGreetings::TopicGreeting& each : _options.greetings->greetingsFor(topics))
    {
        const std::string& data = each.greeting.data;
        outbox().push(WebSocketFrames::text(
            "{\"topic\":\"" + each.topic + "\",\"type\":" + Poco::toJSON(each.greeting.type) +
            ",\"data\":" + (EventJsonFormat::isJsonValue(data) ? data : Poco::toJSON(data)) + "}"));
    }
    queued();
}

void WebSocketConnection::unsubscribe(const WebSocketRequest& request)
{
    std::vector<std::string> remaining;
    for (const std::string& topic : topics())
    {
        if (!contains(request.topics, topic))
            remaining.push_back(topic);
    }
    loop().watch(*this, std::move(remaining));
    answer(request.ref, "\"ok\":true");
}

void WebSocketConnection::publish(const WebSocketRequest& request)
{
    const Poco::Clock started;
    try
    {
        std::optional<PublishIntakes::Intake> intake;
        if (_options.intakes)
            intake = _options.intakes->intakeFor(request.publications);
        if (intake)
        {
            give(request.ref, std::move(*intake), request.publications.front());
            return;
        }
        _options.authorizer->requirePublisher(*_options.upgrade);
        _options.authorizer->authorizePublish(*_options.upgrade, request.publications);
        // Answered once stored: at once by a store in memory, through the loop
        // from the journal's thread, so the loop never waits on the disk.
        const std::string ref = request.ref;
        loop().bus().publish(request.publications, [this, ref, started, publishes = _options.publishes,
                                                    eventLoop = &loop(),
                                                    anchor = std::weak_ptr<char>(_anchor)](PublishResult result) {
            publishes->finished(result, started);
            if (eventLoop->inLoopThread())
            {
                published(ref, result);
                return;
            }
            eventLoop->post([this, ref, anchor, result = std::move(result)] {
                if (!anchor.expired() && !closed())
                    published(ref, result);
            });
        });
    }
    catch (const HttpError& error)
    {
        _options.publishes->refused();
        refuse(request.ref, error.what());
    }
    catch (const Poco::Exception& exc)
    {
        _options.publishes->refused();
        refuse(request.ref, exc.message());
    }
}

void WebSocketConnection::published(const std::string& ref, const PublishResult& result)
{
    if (result.stored())
        answer(ref, "\"ok\":true,\"id\":\"" + result.events.back()->id() + "\"");
    else
        refuse(ref, result.error);
}

void WebSocketConnection::give(const std::string& ref, PublishIntakes::Intake intake,
                               const Publication& publication)
{
    // The feed publishes the event itself, through its publisher, which
    // counts it; only a refusal is counted here.
    const bool queued = IntakeCall::submit(
        *_options.workers, *_options.authorizer, std::move(intake), _options.upgrade, publication,
        [this, ref, publishes = _options.publishes, eventLoop = &loop(),
         anchor = std::weak_ptr<char>(_anchor)](const IntakeCall::Outcome& outcome) {
            if (outcome.failure)
                publishes->refused();
            eventLoop->post([this, ref, anchor, outcome] {
                if (!anchor.expired() && !closed())
                    taken(ref, outcome);
            });
        });
    if (!queued)
    {
        _options.publishes->refused();
        refuse(ref, IntakeCall::BUSY);
    }
}

void WebSocketConnection::taken(const std::string& ref, const IntakeCall::Outcome& outcome)
{
    if (outcome.failure)
        refuse(ref, outcome.failure->message);
    else
        answer(ref, "\"ok\":true,\"id\":" + Poco::toJSON(outcome.id));
}

void WebSocketConnection::answer(const std::string& ref, const std::string& fields)
{
    std::string json = "{";
    if (!ref.empty())
        json += "\"ref\":" + ref + ",";
    json += fields;
    json += '}';
    outbox().push(WebSocketFrames::text(json));
    queued();
}

void WebSocketConnection::refuse(const std::string& ref, const std::string& message)
{
    answer(ref, "\"error\":" + Poco::toJSON(message));
}

void WebSocketConnection::eventPublished(const EventPtr& event)
{
    if (event->sequence() <= _lastSent || _endpoint.closing())
        return;
    if (_replaying)
    {
        _held.push_back(event);
        return;
    }
    _lastSent = event->sequence();
    pushEvent(event);
    queued();
}

void WebSocketConnection::pushEvent(const EventPtr& event)
{
    outbox().push(WebSocketFrames::event(event));
    loop().metrics().of(Transport::WEBSOCKET).delivered.add(1);
}

void WebSocketConnection::queued()
{
    // Writes wait for the end of the loop's batch; a burst larger than the
    // limit is no reason to drop a client whose socket takes it.
    if (outbox().pendingBytes() > _options.outboxLimit)
        outbox().flushTo(fd());
    if (outbox().pendingBytes() > _options.outboxLimit)
    {
        logger().information(
            "disconnecting a WebSocket subscriber %d bytes behind; it will resume from its last id",
            static_cast<int>(outbox().pendingBytes()));
        loop().metrics().of(Transport::WEBSOCKET).slowDisconnects.add(1);
        loop().close(*this);
        return;
    }
    loop().flush(*this);
}

void WebSocketConnection::heartbeat()
{
    if (_endpoint.closing())
        return;
    if (_tokenExpiry && Poco::Timestamp() >= *_tokenExpiry)
    {
        // As an SSE stream closes at its token's expiry: the client
        // reconnects with a fresh token.
        _endpoint.close(WSLAY_CODE_POLICY_VIOLATION, "the token has expired");
        return;
    }
    if (_pingUnanswered)
    {
        logger().information("closing a WebSocket client that did not answer a ping");
        loop().close(*this);
        return;
    }
    _pingUnanswered = true;
    outbox().push(WebSocketFrames::ping());
    loop().flush(*this);
}

void WebSocketConnection::pongReceived()
{
    _pingUnanswered = false;
}

void WebSocketConnection::sendFrames(std::string bytes)
{
    outbox().push(std::move(bytes));
    if (!closed())
        loop().flush(*this);
}

void WebSocketConnection::loopStopping()
{
    _endpoint.close(WSLAY_CODE_GOING_AWAY, "the hub is shutting down");
}

void WebSocketConnection::finishIfClosing()
{
    if (_endpoint.closing() && !closed() && outbox().empty() && !_lingering)
        written();
}

void WebSocketConnection::written()
{
    if (!_endpoint.closing() || _lingering)
        return;
    // The close frame is out: end our side and wait briefly for the client's.
    ::shutdown(fd(), SHUT_WR);
    _lingering = true;
    loop().watch(*this, {});
    loop().setDeadline(*this, Poco::Clock() + LINGER_MICROSECONDS);
}

} // namespace feedhub
