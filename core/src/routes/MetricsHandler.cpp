//
// MetricsHandler.cpp
//

#include "routes/MetricsHandler.h"
#include "feedhub/HttpError.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

const std::string MetricsHandler::PATH = "/metrics";

MetricsHandler::MetricsHandler(const HubMetrics& metrics, AddressRanges allowed)
    : RouteHandler("GET"), _metrics(metrics), _allowed(std::move(allowed))
{
}

void MetricsHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    if (!_allowed.contains(request.clientAddress().host()))
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN,
                        "metrics are not served to " + request.clientAddress().host().toString() +
                            ": [metrics] allow lists the addresses that may read them");
    request.allowQuery({});
    HttpResponse response(HTTPResponse::HTTP_OK);
    response.setBody(_metrics.text(), HubMetrics::CONTENT_TYPE);
    response.set("Cache-Control", "no-store");
    reply->send(std::move(response));
}

} // namespace feedhub
