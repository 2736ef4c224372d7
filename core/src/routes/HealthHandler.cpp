//
// HealthHandler.cpp
//

#include "routes/HealthHandler.h"
#include "Poco/JSON/Object.h"
#include "feedhub/JsonResponse.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

HealthHandler::HealthHandler(Hub& hub) : RouteHandler("GET", hub.settings().corsOrigin), _hub(hub) {}

void HealthHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("status", "ok");
    body->set("connections", _hub.connections().count());
    JsonResponse::send(response, HTTPResponse::HTTP_OK, body);
}

} // namespace feedhub
