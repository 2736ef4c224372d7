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
    const Notification notification = Notification::parse(request.json(), _feed.types());
    const std::size_t sentTo = _feed.send(notification);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("success", true);
    body->set("sentTo", sentTo);
    body->set("event", notification.type());
    reply->send(HttpResponse::json(Poco::Net::HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub::notifications
