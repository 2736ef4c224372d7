//
// ClockRoute.cpp
//

#include "ClockRoute.h"

namespace example
{

ClockRoute::ClockRoute(std::shared_ptr<const ClockState> state)
    : RouteHandler("GET"), _state(std::move(state))
{
}

void ClockRoute::handle(const feedhub::HttpRequest& request, const feedhub::ReplyPtr& reply)
{
    // No query parameter means anything here: refuse them (400), so that a
    // typo is not silently ignored.
    request.allowQuery({});
    reply->send(feedhub::HttpResponse::jsonText(Poco::Net::HTTPResponse::HTTP_OK, _state->last()));
}

} // namespace example
