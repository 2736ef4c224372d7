//
// LoopHttpConnection.cpp
//

#include "http/LoopHttpConnection.h"
#include "poll/LongPollHandler.h"
#include "Poco/Clock.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "poll/PollQuery.h"
#include "publish/PublishHandler.h"
#include "publish/PublishRequest.h"
#include "feedhub/JsonText.h"
#include "loop/EventLoop.h"
#include <algorithm>
#include <ctime>
#include <optional>
#include <thread>

namespace feedhub
{

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

namespace
{

// A head this long without its end goes to a worker, whose Poco session reads or refuses the rest.
constexpr std::size_t MAX_HEAD_BYTES = 64 * 1024;

// What a client may send ahead (pipelined requests) while its poll waits.
constexpr std::size_t MAX_PENDING_BYTES = 256 * 1024;

// Room for the head of an answer, so that writing it allocates once.
constexpr std::size_t HEAD_RESERVE = 256;

const std::string& currentHttpDate()
{
    // Formatted once a second per loop thread, not once per answer.
    thread_local std::time_t formattedSecond = 0;
    thread_local std::string formatted;
    const Poco::Timestamp now;
    if (now.epochTime() != formattedSecond)
    {
        formatted = Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::HTTP_FORMAT);
        formattedSecond = now.epochTime();
    }
    return formatted;
}

std::size_t endOfHead(const std::string& bytes)
{
    // A head ends with an empty line; Poco, like most servers, also takes bare
    // LF line ends. Searching line by line stops at the head, before any body.
    for (std::size_t lf = bytes.find('\n'); lf != std::string::npos; lf = bytes.find('\n', lf + 1))
    {
        if (lf + 1 < bytes.size() && bytes[lf + 1] == '\n')
            return lf + 2;
        if (lf + 2 < bytes.size() && bytes[lf + 1] == '\r' && bytes[lf + 2] == '\n')
            return lf + 3;
    }
    return std::string::npos;
}

} // namespace

LoopHttpConnection::LoopHttpConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot,
                                       ConnectionLimit& limit, const HubSettings& settings,
                                       WorkerHandoff& handoff, Request request, std::string received)
    : LoopConnection(std::move(socket), std::move(slot)), _limit(limit), _settings(settings),
      _handoff(handoff), _request(std::move(request)), _received(std::move(received))
{
}

bool LoopHttpConnection::hasBody(const HTTPRequest& request, Poco::Int64 contentLength)
{
    return request.getChunkedTransferEncoding() || contentLength > 0;
}

void LoopHttpConnection::opened()
{
    if (_request.waiter)
    {
        wait();
        return;
    }
    awaitNextRequest();
    takeNextRequest();
}

void LoopHttpConnection::wait()
{
    _request.waiter->setRecheck([this, alive = std::weak_ptr<bool>(_alive), eventLoop = &loop()] {
        eventLoop->post([this, alive] {
            if (alive.lock())
                eventPublished(EventPtr());
        });
    });
    if (std::optional<std::string> body = _request.waiter->check(loop().bus()))
    {
        answer(HTTPResponse::HTTP_OK, *body);
        return;
    }
    loop().watch(*this, _request.waiter->topics());
    const Poco::Timespan timeout = std::min(_request.timeout, _settings.pollMaxTimeout);
    loop().setDeadline(*this, Poco::Clock() + timeout.totalMicroseconds());
}

void LoopHttpConnection::eventPublished(const EventPtr&)
{
    if (!_request.waiter)
        return;
    if (std::optional<std::string> body = _request.waiter->check(loop().bus()))
        answer(HTTPResponse::HTTP_OK, *body);
}

void LoopHttpConnection::deadlineReached()
{
    if (_request.waiter)
        answer(HTTPResponse::HTTP_NO_CONTENT, std::string());
    else
        loop().close(*this);
}

void LoopHttpConnection::answer(HTTPResponse::HTTPStatus status, const std::string& body)
{
    loop().watch(*this, {});
    loop().clearDeadline(*this);
    _request.waiter.reset();
    respond(status, body);
}

void LoopHttpConnection::respond(HTTPResponse::HTTPStatus status, const std::string& body)
{
    outbox().push(response(status, body));
    loop().flush(*this);

    if (_request.keepAlive)
        awaitNextRequest();
    else
        _closing = true;
}

Outbox::Chunk LoopHttpConnection::response(HTTPResponse::HTTPStatus status, const std::string& body) const
{
    // An event wakes every poll waiting on its topic, and they all get the
    // same answer: the loop thread's last one is queued again as it is.
    thread_local LastAnswer last;
    const std::string& date = currentHttpDate();
    const bool reusable = status == HTTPResponse::HTTP_OK;
    if (reusable && last.bytes && last.keepAlive == _request.keepAlive && last.date == date &&
        last.httpVersion == _request.httpVersion && last.corsOrigin == _settings.corsOrigin &&
        last.body == body)
        return last.bytes;

    // The head is written here rather than with HTTPResponse::write(): through
    // an ostream, with the date formatted anew, that was a quarter of the
    // cost of a publish answered on the loop.
    std::string bytes;
    bytes.reserve(HEAD_RESERVE + body.size());
    bytes += _request.httpVersion;
    bytes += ' ';
    Poco::NumberFormatter::append(bytes, static_cast<int>(status));
    bytes += ' ';
    bytes += HTTPResponse::getReasonForStatus(status);
    bytes += "\r\nDate: ";
    bytes += date;
    if (!_settings.corsOrigin.empty())
    {
        bytes += "\r\nAccess-Control-Allow-Origin: ";
        bytes += _settings.corsOrigin;
    }
    bytes += "\r\nCache-Control: no-store";
    if (status != HTTPResponse::HTTP_NO_CONTENT)
    {
        bytes += "\r\nContent-Type: application/json\r\nContent-Length: ";
        Poco::NumberFormatter::append(bytes, static_cast<Poco::UInt64>(body.size()));
    }
    bytes += _request.keepAlive ? "\r\nConnection: Keep-Alive\r\n\r\n" : "\r\nConnection: Close\r\n\r\n";
    bytes += body;

    auto shared = std::make_shared<const std::string>(std::move(bytes));
    if (reusable)
        last = LastAnswer{shared, _request.keepAlive, date, _request.httpVersion, _settings.corsOrigin, body};
    return shared;
}

void LoopHttpConnection::awaitNextRequest()
{
    loop().setDeadline(*this, Poco::Clock() + _handoff.params().getKeepAliveTimeout().totalMicroseconds());
}

void LoopHttpConnection::received(const char* data, std::size_t length)
{
    if (_closing)
        return;
    _received.append(data, length);
    if (_request.waiter || _publishing)
    {
        if (_received.size() > MAX_PENDING_BYTES)
            loop().close(*this);
        return;
    }
    if (outbox().empty())
        takeNextRequest();
}

void LoopHttpConnection::written()
{
    if (_closing)
        loop().close(*this);
    else if (!_request.waiter && !_publishing)
        takeNextRequest();
}

void LoopHttpConnection::Head::read(const char* data, std::size_t headLength)
{
    length = headLength;
    in.point(data, headLength);
    request.clear();
    request.read(in);
    uri = request.getURI();
    // Poco reads Content-Length only when asked, and throws then if it is
    // not a number: ask here, where a bad head still goes to the worker.
    contentLength = Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH;
    if (request.hasContentLength())
    {
        contentLength = request.getContentLength64();
        if (contentLength < 0)
            throw Poco::SyntaxException("negative Content-Length");
    }
}

void LoopHttpConnection::takeNextRequest()
{
    const std::size_t headLength = endOfHead(_received);
    if (headLength == std::string::npos)
    {
        if (_received.size() > MAX_HEAD_BYTES)
            handOff();
        return;
    }
    thread_local Head head;
    try
    {
        head.read(_received.data(), headLength);
    }
    catch (const Poco::Exception&)
    {
        handOff();
        return;
    }
    Taken taken = Taken::NOT_HERE;
    const std::string& method = head.request.getMethod();
    if (method == HTTPRequest::HTTP_GET && head.uri.getPath() == LongPollHandler::PATH)
        taken = takePoll(head);
    else if (method == HTTPRequest::HTTP_POST && head.uri.getPath() == PublishHandler::PATH)
        taken = takePublish(head);
    if (taken == Taken::NOT_HERE)
        handOff();
}

LoopHttpConnection::Taken LoopHttpConnection::takePoll(const Head& head)
{
    if (hasBody(head.request, head.contentLength))
        return Taken::NOT_HERE;
    std::optional<PollQuery> query;
    try
    {
        query = PollQuery::read(head.uri, _settings);
    }
    catch (const std::exception&)
    {
        return Taken::NOT_HERE;
    }
    // Out of slots: the worker answers 503 as it would for a new connection.
    if (!holdsSlot() && !holdSlot(_limit.acquire()))
        return Taken::NOT_HERE;
    _request.waiter = query->waiter();
    _request.timeout = query->timeout;
    _request.httpVersion = head.request.getVersion();
    _request.keepAlive = head.request.getKeepAlive();
    _received.erase(0, head.length);
    wait();
    return Taken::ANSWERED;
}

LoopHttpConnection::Taken LoopHttpConnection::takePublish(const Head& head)
{
    // A body the worker must read in its own way: chunked, announced with
    // "Expect: 100-continue", or over the limit (413 with the body drained).
    if (head.contentLength < 0 || head.contentLength > static_cast<Poco::Int64>(_settings.maxBodyBytes) ||
        head.request.getChunkedTransferEncoding() || head.request.getExpectContinue())
        return Taken::NOT_HERE;
    const std::size_t bodyLength = static_cast<std::size_t>(head.contentLength);
    if (_received.size() < head.length + bodyLength)
        return Taken::INCOMPLETE;
    std::vector<Publication> publications;
    try
    {
        publications =
            PublishRequest::read(head.request, head.uri, _received.substr(head.length, bodyLength));
    }
    catch (const std::exception&)
    {
        return Taken::NOT_HERE;
    }
    // A store in memory answers at once, on this thread; the journal answers
    // on its own, and the answer comes back through the loop's queue, to the
    // connection if it still exists.
    std::optional<PublishResult> answeredHere;
    const std::weak_ptr<bool> alive = _alive;
    const std::thread::id loopThread = std::this_thread::get_id();
    EventLoop* eventLoop = &loop();
    try
    {
        loop().bus().publish(std::move(publications),
                             [this, &answeredHere, alive, loopThread, eventLoop](PublishResult result) {
                                 if (std::this_thread::get_id() == loopThread)
                                 {
                                     answeredHere = std::move(result);
                                     return;
                                 }
                                 eventLoop->post([this, alive, result = std::move(result)] {
                                     if (alive.lock())
                                         published(result);
                                 });
                             });
    }
    catch (const std::exception&)
    {
        // Publishing is all or none: a request refused here changed nothing,
        // and the worker it goes to refuses it again with the full JSON error.
        return Taken::NOT_HERE;
    }
    _received.erase(0, head.length + bodyLength);
    _request.httpVersion = head.request.getVersion();
    _request.keepAlive = head.request.getKeepAlive();
    if (answeredHere)
    {
        published(*answeredHere);
        return Taken::ANSWERED;
    }
    // No next request is read, and the keep-alive timeout does not run,
    // until this one is answered.
    _publishing = true;
    loop().clearDeadline(*this);
    return Taken::ANSWERED;
}

void LoopHttpConnection::published(const PublishResult& result)
{
    _publishing = false;
    if (result.stored())
        respond(HTTPResponse::HTTP_CREATED, PublishRequest::answer(result.events));
    else
        respond(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "{\"error\":" + JsonText::format(result.error) + "}");
}

void LoopHttpConnection::handOff()
{
    _handoff.serve(fd(), std::move(_received));
    loop().close(*this);
}

} // namespace feedhub
