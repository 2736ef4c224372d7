//
// PublishHandler.cpp
//

#include "publish/PublishHandler.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "bus/PublishResult.h"
#include "http/HttpConnection.h"
#include "publish/IntakeCall.h"
#include "publish/PublishRequest.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

HttpResponse busy(const std::string& message)
{
    HttpResponse response = HttpResponse::error(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, message);
    response.set("Retry-After", "1");
    return response;
}

HttpResponse taken(const std::string& id)
{
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    ids->add(id);
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    answer->set("id", id);
    answer->set("ids", ids);
    return HttpResponse::json(HTTPResponse::HTTP_CREATED, answer);
}

} // namespace

const std::string PublishHandler::PATH = "/publish";

PublishHandler::PublishHandler(Hub& hub) : RouteHandler("POST"), _hub(hub) {}

void PublishHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    PublishMetrics& metrics = _hub.metrics().publishes();
    const Poco::Clock started;
    try
    {
        _hub.authorizer().checkNotBlocked(request);
        std::vector<Publication> publications = PublishRequest::read(request);
        if (std::optional<PublishIntakes::Intake> intake = _hub.intakes().intakeFor(publications))
        {
            give(*intake, std::move(publications.front()), HttpConnection::sharedRequest(*reply), reply);
            return;
        }
        _hub.authorizer().requirePublisher(request);
        _hub.authorizer().authorizePublish(request, publications);
        // Answered once the events are stored: at once by a store in memory, from
        // the journal's thread by SQLite (the reply takes the answer back to the
        // connection's loop), so the loop never waits on the disk.
        _hub.bus().publish(std::move(publications), [reply, &metrics, started](PublishResult result) {
            metrics.finished(result, started);
            if (result.stored())
            {
                reply->send(HttpResponse::jsonText(HTTPResponse::HTTP_CREATED,
                                                   PublishRequest::answer(result.events)));
                return;
            }
            reply->send(busy(result.error));
        });
    }
    catch (...)
    {
        // RouteCall answers what is thrown (400, 401, 403, 429...).
        metrics.refused();
        throw;
    }
}

void PublishHandler::give(PublishIntakes::Intake intake, Publication publication,
                          std::shared_ptr<const HttpRequest> request, const ReplyPtr& reply)
{
    // The feed publishes the event itself, through its publisher, which
    // counts it; only a refusal is counted here.
    PublishMetrics& metrics = _hub.metrics().publishes();
    const bool queued =
        IntakeCall::submit(_hub.workers(), _hub.authorizer(), std::move(intake), std::move(request),
                           std::move(publication), [reply, &metrics](const IntakeCall::Outcome& outcome) {
                               if (outcome.failure)
                               {
                                   metrics.refused();
                                   reply->send(outcome.failure->response);
                                   return;
                               }
                               reply->send(taken(outcome.id));
                           });
    if (!queued)
    {
        metrics.refused();
        reply->send(busy(IntakeCall::BUSY));
    }
}

} // namespace feedhub
