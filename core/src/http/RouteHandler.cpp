//
// RouteHandler.cpp
//

#include "feedhub/RouteHandler.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include "Poco/Net/NetException.h"
#include "Poco/StringTokenizer.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonResponse.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

RouteHandler::RouteHandler(std::string allowedMethods, std::string corsOrigin)
    : _allowedMethods(std::move(allowedMethods)), _corsOrigin(std::move(corsOrigin))
{
}

void RouteHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response)
{
    if (!_corsOrigin.empty())
        response.set("Access-Control-Allow-Origin", _corsOrigin);
    try
    {
        if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_OPTIONS)
        {
            response.set("Access-Control-Allow-Methods", _allowedMethods + ", OPTIONS");
            response.set("Access-Control-Allow-Headers", "Content-Type, Authorization, Last-Event-ID");
            response.set("Access-Control-Max-Age", "86400");
            response.setStatusAndReason(HTTPResponse::HTTP_NO_CONTENT);
            response.setContentLength(0);
            response.send();
            return;
        }
        if (!allows(request.getMethod()))
        {
            response.set("Allow", _allowedMethods + ", OPTIONS");
            throw HttpError(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                            "method " + request.getMethod() + " is not allowed here; use " + _allowedMethods);
        }
        handle(request, response);
    }
    catch (const HttpError& error)
    {
        // An unread body would be taken for the next request on this connection.
        if (error.status() == HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE)
            response.setKeepAlive(false);
        if (!response.sent())
            JsonResponse::error(response, error.status(), error.what());
    }
    catch (const Poco::InvalidArgumentException& exc)
    {
        if (!response.sent())
            JsonResponse::error(response, HTTPResponse::HTTP_BAD_REQUEST, exc.message());
    }
    catch (const Poco::SyntaxException& exc)
    {
        if (!response.sent())
            JsonResponse::error(response, HTTPResponse::HTTP_BAD_REQUEST, exc.message());
    }
    catch (const Poco::Net::HTMLFormException& exc)
    {
        // A NetException too, but the client's mistake (too many fields, say), not a lost client.
        if (!response.sent())
            JsonResponse::error(response, HTTPResponse::HTTP_BAD_REQUEST, exc.message());
    }
    catch (const Poco::Net::NetException&)
    {
        // The client went away mid-response; there is nobody to tell.
    }
    catch (const Poco::Exception& exc)
    {
        Poco::Logger::get("feedhub.http")
            .error("%s %s failed: %s", request.getMethod(), request.getURI(), exc.displayText());
        if (!response.sent())
            JsonResponse::error(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
    }
    catch (const std::exception& exc)
    {
        Poco::Logger::get("feedhub.http")
            .error("%s %s failed: %s", request.getMethod(), request.getURI(), std::string(exc.what()));
        if (!response.sent())
            JsonResponse::error(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error");
    }
}

bool RouteHandler::allows(const std::string& method) const
{
    Poco::StringTokenizer methods(_allowedMethods, ",", Poco::StringTokenizer::TOK_TRIM);
    for (const std::string& allowed : methods)
    {
        if (allowed == method)
            return true;
    }
    return false;
}

} // namespace feedhub
