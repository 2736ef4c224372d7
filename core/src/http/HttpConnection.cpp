//
// HttpConnection.cpp
//

#include "http/HttpConnection.h"
#include "http/ConnectionReply.h"
#include "Poco/Clock.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "auth/CorsPolicy.h"
#include "http/ResponseHead.h"
#include "http/RouteCall.h"
#include "hub/Hub.h"
#include "log/AccessLog.h"
#include "loop/EventLoop.h"
#include "ws/WebSocketConnection.h"
#include <sys/socket.h>

namespace feedhub
{

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

namespace
{

// How long a connection closed after an answer keeps reading what the
// client still sends, so that closing does not reset the connection and
// lose the answer with it.
constexpr Poco::Clock::ClockDiff LINGER_MICROSECONDS = 2 * 1000000;

const std::string CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

// How often a poll past its timeout looks again whether the history it
// waits for has been read.
const Poco::Timespan PENDING_ANSWER_WAIT(0, 50 * 1000);

HttpResponse busy(const std::string& message)
{
    HttpResponse response = HttpResponse::error(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, message);
    response.set("Retry-After", "1");
    return response;
}

Poco::Clock after(const Poco::Timespan& span)
{
    return Poco::Clock() + span.totalMicroseconds();
}

} // namespace

HttpConnection::HttpConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot,
                               const Poco::Net::SocketAddress& client, Hub& hub)
    : LoopConnection(std::move(socket), std::move(slot)), _hub(hub), _client(client),
      _reader(RequestReader::Limits{hub.settings().maxHeadBytes, hub.settings().maxBodyBytes}),
      _request(std::make_shared<HttpRequest>()), _anchor(std::make_shared<char>()),
      _corsOrigin(hub.settings().corsOrigin)
{
}

HttpConnection::~HttpConnection() = default;

HttpConnection& HttpConnection::of(const Reply& reply)
{
    auto* ours = dynamic_cast<ConnectionReply*>(const_cast<Reply*>(&reply));
    HttpConnection* connection = ours ? ours->connection() : nullptr;
    if (!connection)
        throw Poco::IllegalStateException("this route must run on the connection's event loop");
    return *connection;
}

void HttpConnection::opened()
{
    if (!holdsSlot())
    {
        _phase = Phase::SERVING;
        _keepAlive = false;
        send(busy("the hub serves its maximum of " +
                  Poco::NumberFormatter::format(_hub.connections().maximum()) + " connections"));
        return;
    }
    // A new connection owes its first request within the request timeout.
    _phase = Phase::READING;
    startRequest();
    loop().setDeadline(*this, after(_hub.settings().requestTimeout));
}

void HttpConnection::received(const char* data, std::size_t length)
{
    if (_lingering)
        return;
    _received.append(data, length);
    switch (_phase)
    {
    case Phase::IDLE:
    case Phase::READING:
        process();
        break;
    case Phase::SERVING:
    case Phase::PARKED:
        // Pipelined requests wait for the one being served, up to a bound.
        if (_received.size() > _hub.settings().maxHeadBytes + _hub.settings().maxBodyBytes)
            loop().close(*this);
        break;
    case Phase::CLOSING:
        break;
    }
}

void HttpConnection::peerClosed()
{
    // A client may end its sending side once its request is out (a half
    // close): the request being served is still answered, then the
    // connection closes. Anything else has no one left to answer.
    if (_phase == Phase::SERVING || (_phase == Phase::CLOSING && !_lingering) ||
        (_phase == Phase::IDLE && !outbox().empty()))
    {
        _peerClosed = true;
        _keepAlive = false;
        if (_phase == Phase::IDLE)
            _phase = Phase::CLOSING;
        return;
    }
    loop().close(*this);
}

void HttpConnection::written()
{
    // A poll's answer is out: the connection serves requests again.
    if (transport() == Transport::POLL)
        setTransport(Transport::HTTP);
    if (_phase == Phase::CLOSING)
        lingerAndClose();
    else if (_phase == Phase::IDLE || _phase == Phase::READING)
        process();
}

void HttpConnection::process()
{
    if (_processing)
        return;
    _processing = true;
    while ((_phase == Phase::IDLE || _phase == Phase::READING) && outbox().empty() && !_received.empty() &&
           !closed())
    {
        if (_phase == Phase::IDLE)
        {
            _phase = Phase::READING;
            startRequest();
            loop().setDeadline(*this, after(_hub.settings().requestTimeout));
        }
        const RequestReader::Result result = _reader.read(_received);
        if (result == RequestReader::Result::NEED_MORE)
        {
            if (_reader.wantsContinue() && !_continueSent)
            {
                _continueSent = true;
                outbox().push(CONTINUE);
                loop().flush(*this);
            }
            break;
        }
        if (result == RequestReader::Result::REFUSED)
            refuse(_reader.status(), _reader.error());
        else
            dispatch();
    }
    _processing = false;
}

std::shared_ptr<const HttpRequest> HttpConnection::sharedRequest(const Reply& reply)
{
    auto* ours = dynamic_cast<const ConnectionReply*>(&reply);
    std::shared_ptr<const HttpRequest> request = ours ? ours->request() : nullptr;
    if (!request)
        throw Poco::IllegalStateException("this route must run on the connection's event loop");
    return request;
}

void HttpConnection::dispatch()
{
    _continueSent = false;
    _phase = Phase::SERVING;
    _corsOrigin = _hub.settings().corsOrigin;
    loop().clearDeadline(*this);
    // A worker may still hold the last request; then this one gets its own.
    if (_request.use_count() > 1)
        _request = std::make_shared<HttpRequest>();
    try
    {
        _request->assign(_reader.head(), std::move(_reader.body()), _client);
    }
    catch (const Poco::Exception& exc)
    {
        refuse(HTTPResponse::HTTP_BAD_REQUEST, "malformed request target: " + exc.message());
        return;
    }
    _requestKnown = true;
    const std::string& method = _request->method();
    _keepAlive = _request->head().getKeepAlive();
    _headOnly = method == HTTPRequest::HTTP_HEAD;
    const RequestRouter::Route route = _hub.router().find(_request->path());
    const CorsPolicy& cors = _hub.authorizer().cors();
    const bool inputRoute = CorsPolicy::isInputRoute(*route.handler);
    _corsOrigin = cors.allowOrigin(*_request, inputRoute);
    if (cors.refuses(*_request, inputRoute))
    {
        send(HttpResponse::error(HTTPResponse::HTTP_FORBIDDEN,
                                 "pages from " + _request->get("Origin", "") +
                                     " may not send to this route; the hub lists the origins that may in "
                                     "[auth] publish_origins"));
        return;
    }
    if (method == HTTPRequest::HTTP_OPTIONS)
    {
        HttpResponse preflight(HTTPResponse::HTTP_NO_CONTENT);
        preflight.set("Access-Control-Allow-Methods", route.handler->methods() + ", OPTIONS");
        preflight.set("Access-Control-Allow-Headers", "Content-Type, Authorization, Last-Event-ID");
        preflight.set("Access-Control-Max-Age", "86400");
        send(preflight);
        return;
    }
    if (!route.handler->allows(method))
    {
        HttpResponse refusal = HttpResponse::error(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                                                   "method " + method + " is not allowed here; use " +
                                                       route.handler->methods());
        refusal.set("Allow", route.handler->methods() + ", OPTIONS");
        send(refusal);
        return;
    }
    serve(route);
}

void HttpConnection::serve(const RequestRouter::Route& route)
{
    auto reply = std::make_shared<ConnectionReply>(*this);
    if (route.runs == RequestRouter::Runs::ON_LOOP)
    {
        RouteCall::run(*route.handler, *_request, reply);
        return;
    }
    std::shared_ptr<RouteHandler> handler = route.handler;
    std::shared_ptr<const HttpRequest> request = _request;
    ReplyPtr pending = reply;
    if (!_hub.workers().submit([handler, request, pending] { RouteCall::run(*handler, *request, pending); }))
        reply->send(busy("every worker is busy; retry shortly"));
}

void HttpConnection::answer(HttpResponse response)
{
    if (_phase != Phase::SERVING)
        return;
    send(response);
}

void HttpConnection::refuse(HttpResponse::Status status, const std::string& message)
{
    // The rest of what the client sent cannot be trusted to start a request.
    _keepAlive = false;
    _phase = Phase::SERVING;
    _corsOrigin = _hub.settings().corsOrigin;
    HttpResponse response = HttpResponse::error(status, message);
    if (status == HTTPResponse::HTTP_SERVICE_UNAVAILABLE)
        response.set("Retry-After", "1");
    send(response);
}

void HttpConnection::send(const HttpResponse& response)
{
    loop().metrics().refused(response.status());
    send(std::make_shared<const std::string>(
             ResponseHead::write(response, _corsOrigin, ResponseHead::Framing{_keepAlive, _headOnly, false})),
         response.status());
}

void HttpConnection::send(Outbox::Chunk answer, int status)
{
    logAccess(status, answer->size());
    outbox().push(std::move(answer));
    loop().flush(*this);
    if (!_keepAlive)
    {
        // A client that never reads its answer is not waited for forever.
        _phase = Phase::CLOSING;
        loop().setDeadline(*this, after(_hub.settings().requestTimeout));
        return;
    }
    _phase = Phase::IDLE;
    setIdleDeadline();
}

void HttpConnection::startRequest()
{
    _requestKnown = false;
    _requestStarted.update();
}

void HttpConnection::logAccess(int status, std::size_t bytes) const
{
    if (!AccessLog::enabled())
        return;
    static const std::string UNKNOWN = "-";
    AccessLog::record(_requestKnown ? _request->method() : UNKNOWN, _requestKnown ? _request->target() : UNKNOWN,
                      status, bytes, Poco::Timespan(_requestStarted.elapsed()));
}

void HttpConnection::setIdleDeadline()
{
    loop().setDeadline(*this, after(_hub.settings().keepAliveTimeout));
}

void HttpConnection::park(std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout)
{
    if (_phase != Phase::SERVING)
        return;
    _subscriberSlot = _hub.subscribers().acquire();
    if (!_subscriberSlot)
    {
        answer(busy("the hub serves its maximum of " +
                    Poco::NumberFormatter::format(_hub.subscribers().maximum()) + " subscribers"));
        return;
    }
    _waiter = std::move(waiter);
    _phase = Phase::PARKED;
    setTransport(Transport::POLL);
    // A waiter whose answer comes from another thread (history the journal
    // read) asks to be checked again through the loop.
    _waiter->setRecheck([eventLoop = &loop(), connection = this, anchor = std::weak_ptr<char>(_anchor)] {
        eventLoop->post([connection, anchor] {
            if (!anchor.expired() && !connection->closed())
                connection->eventPublished(EventPtr());
        });
    });
    if (std::optional<std::string> body = _waiter->check())
    {
        answerParked(HTTPResponse::HTTP_OK, *body);
        return;
    }
    loop().watch(*this, _waiter->topics());
    loop().setDeadline(*this, after(std::min(timeout, _hub.settings().pollMaxTimeout)));
}

void HttpConnection::eventPublished(const EventPtr&)
{
    if (_phase != Phase::PARKED)
        return;
    if (std::optional<std::string> body = _waiter->check())
        answerParked(HTTPResponse::HTTP_OK, *body);
}

void HttpConnection::answerParked(HttpResponse::Status status, const std::string& body)
{
    loop().watch(*this, {});
    loop().clearDeadline(*this);
    _waiter.reset();
    _subscriberSlot = ConnectionLimit::Slot();
    _phase = Phase::SERVING;
    if (status == HTTPResponse::HTTP_OK)
    {
        loop().metrics().of(Transport::POLL).delivered.add(1);
        send(pollAnswer(body), status);
    }
    else
        send(HttpResponse(status));
}

Outbox::Chunk HttpConnection::pollAnswer(const std::string& body) const
{
    // One event wakes every poll waiting on its topic and they all get the
    // same answer: the loop thread's last one is queued again as it is.
    struct LastAnswer
    {
        Outbox::Chunk bytes;
        std::string body;
        std::string date;
        std::string corsOrigin;
        bool keepAlive = false;
        bool headOnly = false;
    };
    thread_local LastAnswer last;
    const std::string& date = ResponseHead::date();
    const std::string& corsOrigin = _corsOrigin;
    if (!last.bytes || last.keepAlive != _keepAlive || last.headOnly != _headOnly || last.date != date ||
        last.corsOrigin != corsOrigin || last.body != body)
    {
        last.bytes = std::make_shared<const std::string>(ResponseHead::write(
            HttpResponse::jsonText(HTTPResponse::HTTP_OK, body), corsOrigin,
            ResponseHead::Framing{_keepAlive, _headOnly, false}));
        last.body = body;
        last.date = date;
        last.corsOrigin = corsOrigin;
        last.keepAlive = _keepAlive;
        last.headOnly = _headOnly;
    }
    return last.bytes;
}

void HttpConnection::openEventStream(std::vector<std::string> topics, EventStreamConnection::Options options)
{
    ConnectionLimit::Slot subscriber = _hub.subscribers().acquire();
    if (!subscriber)
    {
        _keepAlive = false;
        answer(busy("the hub serves its maximum of " +
                    Poco::NumberFormatter::format(_hub.subscribers().maximum()) + " subscribers"));
        return;
    }
    HttpResponse head(HTTPResponse::HTTP_OK);
    head.set("Content-Type", "text/event-stream; charset=utf-8");
    head.set("Cache-Control", "no-cache");
    head.set("X-Accel-Buffering", "no");
    // The stream ends when the connection does: no length, no chunking.
    options.responseHead = ResponseHead::write(head, _corsOrigin, ResponseHead::Framing{false, false, true});
    logAccess(HTTPResponse::HTTP_OK, options.responseHead.size());
    loop().replace(*this, std::make_unique<EventStreamConnection>(socket(), takeSlot(), std::move(subscriber),
                                                                  std::move(topics), std::move(options)));
}

void HttpConnection::openWebSocket(const std::string& responseHead)
{
    ConnectionLimit::Slot subscriber = _hub.subscribers().acquire();
    if (!subscriber)
    {
        _keepAlive = false;
        answer(busy("the hub serves its maximum of " +
                    Poco::NumberFormatter::format(_hub.subscribers().maximum()) + " subscribers"));
        return;
    }
    logAccess(HTTPResponse::HTTP_SWITCHING_PROTOCOLS, responseHead.size());
    const HubSettings& settings = _hub.settings();
    WebSocketConnection::Options options;
    options.responseHead = responseHead;
    options.received = std::move(_received);
    options.outboxLimit = settings.outboxLimitBytes;
    options.maxMessageBytes = settings.wsMaxMessageBytes;
    options.limits.maxTopics = settings.maxTopicsPerConnection;
    options.limits.maxPublishBytes = settings.maxBodyBytes;
    options.greetings = &_hub.greetings();
    options.upgrade = _request;
    options.authorizer = &_hub.authorizer();
    options.publishes = &_hub.metrics().publishes();
    options.intakes = &_hub.intakes();
    options.workers = &_hub.workers();
    loop().replace(*this, std::make_unique<WebSocketConnection>(socket(), takeSlot(), std::move(subscriber),
                                                                std::move(options)));
}

void HttpConnection::deadlineReached()
{
    switch (_phase)
    {
    case Phase::PARKED:
        if (_waiter->answerPending())
            loop().setDeadline(*this, after(PENDING_ANSWER_WAIT));
        else
            answerParked(HTTPResponse::HTTP_NO_CONTENT, std::string());
        break;
    case Phase::READING:
        refuse(HTTPResponse::HTTP_REQUEST_TIMEOUT,
               "the request did not arrive within " +
                   Poco::NumberFormatter::format(_hub.settings().requestTimeout.totalSeconds()) + " seconds");
        break;
    case Phase::IDLE:
    case Phase::CLOSING:
    case Phase::SERVING:
        loop().close(*this);
        break;
    }
}

void HttpConnection::lingerAndClose()
{
    if (_peerClosed)
    {
        loop().close(*this);
        return;
    }
    ::shutdown(fd(), SHUT_WR);
    _lingering = true;
    _received.clear();
    loop().setDeadline(*this, Poco::Clock() + LINGER_MICROSECONDS);
}

} // namespace feedhub
