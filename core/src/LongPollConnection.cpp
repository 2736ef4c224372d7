//
// LongPollConnection.cpp
//

#include "LongPollConnection.h"
#include "LongPollHandler.h"
#include "Poco/Clock.h"
#include "PollQuery.h"
#include "feedhub/EventLoop.h"
#include <algorithm>
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

// A head this long without its end goes to a worker, whose Poco session reads or refuses the rest.
constexpr std::size_t MAX_HEAD_BYTES = 64 * 1024;

// What a client may send ahead (pipelined requests) while its poll waits.
constexpr std::size_t MAX_PENDING_BYTES = 256 * 1024;

std::size_t endOfHead(const std::string& bytes)
{
    // A head ends with an empty line; Poco, like most servers, also takes bare LF line ends.
    const std::size_t crlf = bytes.find("\r\n\r\n");
    const std::size_t lf = bytes.find("\n\n");
    return std::min(crlf == std::string::npos ? crlf : crlf + 4, lf == std::string::npos ? lf : lf + 2);
}

} // namespace

LongPollConnection::LongPollConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot,
                                       ConnectionLimit& limit, const HubSettings& settings,
                                       WorkerHandoff& handoff, Request request, std::string received)
    : LoopConnection(std::move(socket), std::move(slot)), _limit(limit), _settings(settings),
      _handoff(handoff), _request(std::move(request)), _received(std::move(received))
{
}

bool LongPollConnection::hasBody(const Poco::Net::HTTPRequest& request)
{
    return request.getChunkedTransferEncoding() ||
           (request.hasContentLength() && request.getContentLength64() > 0);
}

void LongPollConnection::opened()
{
    if (_request.waiter)
    {
        wait();
        return;
    }
    awaitNextRequest();
    takeNextRequest();
}

void LongPollConnection::wait()
{
    if (std::optional<std::string> body = _request.waiter->check(loop().bus()))
    {
        answer(HTTPResponse::HTTP_OK, *body);
        return;
    }
    loop().watch(*this, _request.waiter->topics());
    const Poco::Timespan timeout = std::min(_request.timeout, _settings.pollMaxTimeout);
    loop().setDeadline(*this, Poco::Clock() + timeout.totalMicroseconds());
}

void LongPollConnection::eventPublished(const EventPtr&)
{
    if (!_request.waiter)
        return;
    if (std::optional<std::string> body = _request.waiter->check(loop().bus()))
        answer(HTTPResponse::HTTP_OK, *body);
}

void LongPollConnection::deadlineReached()
{
    if (_request.waiter)
        answer(HTTPResponse::HTTP_NO_CONTENT, std::string());
    else
        loop().close(*this);
}

void LongPollConnection::answer(HTTPResponse::HTTPStatus status, const std::string& body)
{
    loop().watch(*this, {});
    loop().clearDeadline(*this);
    _request.waiter.reset();

    HTTPResponse response(_request.httpVersion, status);
    response.setDate(Poco::Timestamp());
    if (!_settings.corsOrigin.empty())
        response.set("Access-Control-Allow-Origin", _settings.corsOrigin);
    response.set("Cache-Control", "no-store");
    if (status != HTTPResponse::HTTP_NO_CONTENT)
    {
        response.setContentType("application/json");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    response.setKeepAlive(_request.keepAlive);
    std::ostringstream head;
    response.write(head);
    outbox().push(head.str() + body);
    loop().flush(*this);

    if (_request.keepAlive)
        awaitNextRequest();
    else
        _closing = true;
}

void LongPollConnection::awaitNextRequest()
{
    loop().setDeadline(*this, Poco::Clock() + _handoff.params().getKeepAliveTimeout().totalMicroseconds());
}

void LongPollConnection::received(const char* data, std::size_t length)
{
    if (_closing)
        return;
    _received.append(data, length);
    if (_request.waiter)
    {
        if (_received.size() > MAX_PENDING_BYTES)
            loop().close(*this);
        return;
    }
    if (outbox().empty())
        takeNextRequest();
}

void LongPollConnection::written()
{
    if (_closing)
        loop().close(*this);
    else if (!_request.waiter)
        takeNextRequest();
}

void LongPollConnection::takeNextRequest()
{
    const std::size_t headLength = endOfHead(_received);
    if (headLength == std::string::npos)
    {
        if (_received.size() > MAX_HEAD_BYTES)
            handOff();
        return;
    }
    if (!takePoll(_received.substr(0, headLength)))
    {
        handOff();
        return;
    }
    _received.erase(0, headLength);
    wait();
}

bool LongPollConnection::takePoll(const std::string& head)
{
    // Only a well-formed GET /poll is answered here; everything else, errors
    // included, gets the worker's full treatment (routes, JSON errors, 405 ...).
    try
    {
        std::istringstream in(head);
        Poco::Net::HTTPRequest request;
        request.read(in);
        const Poco::URI uri(request.getURI());
        if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_GET ||
            uri.getPath() != LongPollHandler::PATH || hasBody(request))
            return false;
        const PollQuery query = PollQuery::read(uri, _settings);
        // Out of slots: the worker answers 503 as it would for a new connection.
        if (!holdsSlot() && !holdSlot(_limit.acquire()))
            return false;
        _request.waiter = query.waiter();
        _request.timeout = query.timeout;
        _request.httpVersion = request.getVersion();
        _request.keepAlive = request.getKeepAlive();
        return true;
    }
    catch (const std::exception&)
    {
        return false;
    }
}

void LongPollConnection::handOff()
{
    _handoff.serve(fd(), std::move(_received));
    loop().close(*this);
}

} // namespace feedhub
