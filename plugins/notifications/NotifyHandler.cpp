//
// NotifyHandler.cpp
//

#include "NotifyHandler.h"
#include "NotificationsFeed.h"
#include "Poco/JSON/Object.h"
#include "feedhub/JsonResponse.h"
#include "feedhub/RequestBody.h"

namespace feedhub::notifications
{

NotifyHandler::NotifyHandler(NotificationsFeed& feed, FeedContext& context)
    : RouteHandler("POST", context.settings().corsOrigin), _feed(feed), _context(context)
{
}

void NotifyHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const Notification notification =
        Notification::parse(RequestBody::readJson(request, _context.settings().maxBodyBytes), _feed.types());
    const std::size_t sentTo = _feed.send(notification);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("success", true);
    body->set("sentTo", sentTo);
    body->set("event", notification.type());
    JsonResponse::send(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

} // namespace feedhub::notifications
