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
    const std::string problem = _hub.bus().problem();
    if (!problem.empty())
    {
        // A load balancer sends new clients to a node that can serve them.
        HttpResponse refusal = HttpResponse::error(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, problem);
        refusal.set("Retry-After", "1");
        reply->send(refusal);
        return;
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("status", "ok");
    body->set("connections", _hub.connections().count());
    body->set("subscribers", _hub.subscribers().count());
    if (_hub.settings().clusterBackend == HubSettings::ClusterBackend::REDIS)
        body->set("node", _hub.settings().nodeName);
    reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub
