//
// HealthHandler.cpp
//

#include "routes/HealthHandler.h"
#include "Poco/JSON/Object.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

HealthHandler::HealthHandler(Hub& hub) : RouteHandler("GET"), _hub(hub) {}

void HealthHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("status", "ok");
    body->set("connections", _hub.connections().count());
    body->set("subscribers", _hub.subscribers().count());
    reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub
