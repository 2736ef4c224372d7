//
// PublishHandler.cpp
//

#include "publish/PublishHandler.h"
#include "publish/PublishRequest.h"
#include "bus/PublishResult.h"

namespace feedhub
{

const std::string PublishHandler::PATH = "/publish";

PublishHandler::PublishHandler(Hub& hub) : RouteHandler("POST"), _hub(hub) {}

void PublishHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    PublishMetrics& metrics = _hub.metrics().publishes();
    const Poco::Clock started;
    try
    {
        _hub.authorizer().requirePublisher(request);
        std::vector<Publication> publications = PublishRequest::read(request);
        _hub.authorizer().authorizePublish(request, publications);
        // Answered once the events are stored: at once by a store in memory, from
        // the journal's thread by SQLite (the reply takes the answer back to the
        // connection's loop), so the loop never waits on the disk.
        _hub.bus().publish(std::move(publications), [reply, &metrics, started](PublishResult result) {
            metrics.finished(result, started);
            if (result.stored())
            {
                reply->send(HttpResponse::jsonText(Poco::Net::HTTPResponse::HTTP_CREATED,
                                                   PublishRequest::answer(result.events)));
                return;
            }
            HttpResponse refusal =
                HttpResponse::error(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, result.error);
            refusal.set("Retry-After", "1");
            reply->send(refusal);
        });
    }
    catch (...)
    {
        // RouteCall answers what is thrown (400, 401, 403, 429...).
        metrics.refused();
        throw;
    }
}

} // namespace feedhub
