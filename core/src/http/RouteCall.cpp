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

void RouteCall::run(RouteHandler& handler, const HttpRequest& request, const ReplyPtr& reply)
{
    try
    {
        handler.handle(request, reply);
    }
    catch (...)
    {
        reply->send(failure(request).response);
    }
}

RouteCall::Failure RouteCall::failure(const HttpRequest& request)
{
    try
    {
        throw;
    }
    catch (const AuthRefusal& refusal)
    {
        return {refusal.response(), refusal.what()};
    }
    catch (const HttpError& error)
    {
        return {HttpResponse::error(error.status(), error.what()), error.what()};
    }
    catch (const Poco::InvalidArgumentException& exc)
    {
        return {HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST, exc.message()), exc.message()};
    }
    catch (const Poco::SyntaxException& exc)
    {
        return {HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST, exc.message()), exc.message()};
    }
    catch (const Poco::Net::HTMLFormException& exc)
    {
        return {HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST, exc.message()), exc.message()};
    }
    catch (const Poco::Exception& exc)
    {
        return internalError(request, exc.displayText());
    }
    catch (const std::exception& exc)
    {
        return internalError(request, exc.what());
    }
}

RouteCall::Failure RouteCall::internalError(const HttpRequest& request, const std::string& what)
{
    Poco::Logger::get("feedhub.http").error("%s %s failed: %s", request.method(), request.path(), what);
    return {HttpResponse::error(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal error"),
            "internal error"};
}

} // namespace feedhub
