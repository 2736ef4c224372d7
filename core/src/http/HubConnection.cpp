//
// HubConnection.cpp
//

#include "http/HubConnection.h"
#include "Poco/Buffer.h"
#include "Poco/Delegate.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPServerRequestImpl.h"
#include "Poco/Net/HTTPServerResponseImpl.h"
#include "Poco/Net/NetException.h"
#include "http/ReplayedSocketImpl.h"
#include "feedhub/JsonResponse.h"
#include <memory>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

// Clients normally send their request with the connection; one that has not
// within this time waits for it on an event loop.
const Poco::Timespan FIRST_REQUEST_WAIT(0, 100000);

// A route may answer without reading the body (405, say); what it left is
// read and dropped up to this much, or the connection is closed, so that the
// body is not taken for the next request.
constexpr std::streamsize MAX_DRAINED_BODY = 1 << 20;

} // namespace

HubConnection::HubConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                             Poco::Net::HTTPRequestHandlerFactory::Ptr routes, const Parker& parker,
                             Poco::BasicEvent<void>& serverStopping)
    : TCPServerConnection(socket), _params(params), _routes(routes), _parker(parker),
      _serverStopping(serverStopping)
{
    _serverStopping += Poco::delegate(this, &HubConnection::onServerStopping);
}

HubConnection::~HubConnection()
{
    _serverStopping -= Poco::delegate(this, &HubConnection::onServerStopping);
}

void HubConnection::run()
{
    if (!socket().poll(FIRST_REQUEST_WAIT, Poco::Net::Socket::SELECT_READ))
    {
        _parker(socket(), std::string());
        return;
    }
    Poco::Net::HTTPServerSession session(socket(), _params);
    if (!serveRequest(session))
        return;
    // A client may have sent its next request already; the session has read it with this one.
    Poco::Buffer<char> buffered(0);
    session.drainBuffer(buffered);
    std::string ahead(buffered.begin(), buffered.size());
    Poco::Net::StreamSocket idle = session.detachSocket();
    if (auto* replayed = dynamic_cast<ReplayedSocketImpl*>(idle.impl()))
        ahead += replayed->takeRest();
    _parker(idle, std::move(ahead));
}

bool HubConnection::serveRequest(Poco::Net::HTTPServerSession& session)
{
    if (!session.hasMoreRequests())
        return false;
    try
    {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, _params);
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(_params->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive());
        response.set("Server", _params->getSoftwareVersion());
        try
        {
            std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(_routes->createRequestHandler(request));
            if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
                response.sendContinue();
            handler->handleRequest(request, response);
            // A connection an event loop took (SSE, long polls) is not read here any more.
            const bool handedOn = !session.socket().impl()->initialized();
            session.setKeepAlive(_params->getKeepAlive() && response.getKeepAlive() &&
                                 session.canKeepAlive() && (handedOn || bodyDrained(request)));
        }
        catch (const Poco::Exception&)
        {
            if (!response.sent())
                sendError(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
            return false;
        }
    }
    catch (const Poco::Net::NoMessageException&)
    {
        return false;
    }
    catch (const Poco::Net::MessageException& exc)
    {
        sendError(session, HTTPResponse::HTTP_BAD_REQUEST, "malformed HTTP request: " + exc.message());
        return false;
    }
    catch (const Poco::SyntaxException& exc)
    {
        // A header Poco parses lazily, such as a Content-Length that is not a number.
        sendError(session, HTTPResponse::HTTP_BAD_REQUEST, "malformed HTTP request: " + exc.message());
        return false;
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
    return session.getKeepAlive() && session.socket().impl()->initialized();
}

bool HubConnection::bodyDrained(Poco::Net::HTTPServerRequest& request)
{
    // Only a body with a length or in chunks ends before the connection does.
    if (!request.getChunkedTransferEncoding() && !request.hasContentLength())
        return true;
    std::istream& body = request.stream();
    body.ignore(MAX_DRAINED_BODY);
    return body.eof();
}

void HubConnection::sendError(Poco::Net::HTTPServerSession& session, HTTPResponse::HTTPStatus status,
                              const std::string& message)
{
    try
    {
        Poco::Net::HTTPServerResponseImpl response(session);
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setKeepAlive(false);
        JsonResponse::error(response, status, message);
    }
    catch (const Poco::Exception&)
    {
        // The client is gone; there is nobody to tell.
    }
    session.setKeepAlive(false);
}

void HubConnection::onServerStopping()
{
    try
    {
        socket().shutdown();
    }
    catch (const Poco::Exception&)
    {
        // Already closed by the client.
    }
}

} // namespace feedhub
