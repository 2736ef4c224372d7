//
// PublishHandler.cpp
//

#include "publish/PublishHandler.h"
#include "publish/PublishRequest.h"
#include "feedhub/JsonResponse.h"
#include "feedhub/RequestBody.h"

namespace feedhub
{

const std::string PublishHandler::PATH = "/publish";

PublishHandler::PublishHandler(Hub& hub) : RouteHandler("POST", hub.settings().corsOrigin), _hub(hub) {}

void PublishHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const std::string body = RequestBody::read(request, _hub.settings().maxBodyBytes);
    const Poco::URI uri(request.getURI());
    const std::vector<EventPtr> events = _hub.bus().publish(PublishRequest::read(request, uri, body));
    JsonResponse::sendText(response, Poco::Net::HTTPResponse::HTTP_CREATED, PublishRequest::answer(events));
}

} // namespace feedhub
