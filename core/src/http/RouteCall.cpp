//
// RouteCall.cpp
//

#include "http/RouteCall.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include "Poco/Net/NetException.h"
#include "auth/AuthRefusal.h"
#include "feedhub/HttpError.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

void internalError(const HttpRequest& request, const ReplyPtr& reply, const std::string& what)
{
    Poco::Logger::get("feedhub.http").error("%s %s failed: %s", request.method(), request.path(), what);
    reply->send(HttpResponse::error(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error"));
}

} // namespace

void RouteCall::run(RouteHandler& handler, const HttpRequest& request, const ReplyPtr& reply)
{
    try
    {
        handler.handle(request, reply);
    }
    catch (const AuthRefusal& refusal)
    {
        reply->send(refusal.response());
    }
    catch (const HttpError& error)
    {
        reply->send(HttpResponse::error(error.status(), error.what()));
    }
    catch (const Poco::InvalidArgumentException& exc)
    {
        reply->send(HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST, exc.message()));
    }
    catch (const Poco::SyntaxException& exc)
    {
        reply->send(HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST, exc.message()));
    }
    catch (const Poco::Net::HTMLFormException& exc)
    {
        reply->send(HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST, exc.message()));
    }
    catch (const Poco::Exception& exc)
    {
        internalError(request, reply, exc.displayText());
    }
    catch (const std::exception& exc)
    {
        internalError(request, reply, exc.what());
    }
}

} // namespace feedhub
