//
// NotifyHandler.cpp
//

#include "NotifyHandler.h"
#include "NotificationsFeed.h"
#include "Poco/JSON/Object.h"

namespace feedhub::notifications
{

NotifyHandler::NotifyHandler(NotificationsFeed& feed, FeedContext& context)
    : RouteHandler("POST"), _feed(feed), _context(context)
{
}

void NotifyHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    if (!_feed.token().empty() && !request.bearerTokenIs(_feed.token()))
    {
        HttpResponse refusal = HttpResponse::error(
            Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED,
            request.bearerToken().empty() ? "a bearer token is required: send Authorization: Bearer <token>"
                                          : "the bearer token is not valid");
        refusal.set("WWW-Authenticate", "Bearer realm=\"feedhub\"");
        reply->send(refusal);
        return;
    }
    const Notification notification = Notification::parse(request.json(), _feed.types());
    const std::size_t sentTo = _feed.send(notification);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("success", true);
    body->set("sentTo", sentTo);
    body->set("event", notification.type());
    reply->send(HttpResponse::json(Poco::Net::HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub::notifications
