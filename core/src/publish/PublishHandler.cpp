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
    _hub.authorizer().requirePublisher(request);
    const std::vector<Publication> publications = PublishRequest::read(request);
    _hub.authorizer().authorizePublish(request, publications);
    const std::vector<EventPtr> events = _hub.bus().publish(publications);
    reply->send(HttpResponse::jsonText(Poco::Net::HTTPResponse::HTTP_CREATED, PublishRequest::answer(events)));
}

} // namespace feedhub
