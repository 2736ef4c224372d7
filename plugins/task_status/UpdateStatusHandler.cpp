//
// UpdateStatusHandler.cpp
//

#include "UpdateStatusHandler.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "TaskStatusFeed.h"
#include "feedhub/HttpError.h"

namespace feedhub::task_status
{

using Poco::Net::HTTPResponse;

namespace
{

std::string stringField(const Poco::JSON::Object& object, const std::string& name,
                        const std::string& fallback)
{
    if (!object.has(name) || object.isNull(name))
    {
        if (fallback.empty())
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" is required");
        return fallback;
    }
    const Poco::Dynamic::Var value = object.get(name);
    if (!value.isString())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" must be a string");
    return value.extract<std::string>();
}

} // namespace

UpdateStatusHandler::UpdateStatusHandler(TaskStatusFeed& feed, FeedContext& context)
    : RouteHandler("POST"), _feed(feed), _context(context)
{
}

void UpdateStatusHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    if (!checkToken(request, reply))
        return;
    const Poco::Dynamic::Var body = request.json();
    if (body.type() != typeid(Poco::JSON::Object::Ptr))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the body must be a JSON object with \"status\"");
    const Poco::JSON::Object& object = *body.extract<Poco::JSON::Object::Ptr>();
    const std::string task = stringField(object, "task", _feed.defaultTask());
    const std::string status = stringField(object, "status", "");

    Poco::JSON::Object::Ptr answer = _feed.board().update(task, status).toJson();
    answer->set("success", true);
    reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, answer));
}

bool UpdateStatusHandler::checkToken(const HttpRequest& request, const ReplyPtr& reply) const
{
    const std::string token = request.bearerToken();
    if (request.bearerTokenIs(_feed.token()))
        return true;
    HttpResponse refusal = HttpResponse::error(HTTPResponse::HTTP_UNAUTHORIZED,
                                               token.empty()
                                                   ? "a bearer token is required: send Authorization: Bearer <token>"
                                                   : "the bearer token is not valid");
    refusal.set("WWW-Authenticate", "Bearer realm=\"feedhub\"");
    reply->send(refusal);
    return false;
}

} // namespace feedhub::task_status
