//
// PublishHandler.cpp
//

#include "publish/PublishHandler.h"
#include "publish/PublishRequest.h"

namespace feedhub
{

const std::string PublishHandler::PATH = "/publish";

PublishHandler::PublishHandler(Hub& hub) : RouteHandler("POST"), _hub(hub) {}

void PublishHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    const std::vector<EventPtr> events = _hub.bus().publish(PublishRequest::read(request));
    reply->send(HttpResponse::jsonText(Poco::Net::HTTPResponse::HTTP_CREATED, PublishRequest::answer(events)));
}

} // namespace feedhub
