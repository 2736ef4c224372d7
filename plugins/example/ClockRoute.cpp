//
// ClockRoute.cpp
//

#include "ClockRoute.h"

namespace feedhub::example
{

ClockRoute::ClockRoute(std::shared_ptr<const ClockState> state)
    : RouteHandler("GET"), _state(std::move(state))
{
}

void ClockRoute::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    // No query parameter means anything here: refuse them (400), so that a
    // typo is not silently ignored.
    request.allowQuery({});
    reply->send(HttpResponse::jsonText(Poco::Net::HTTPResponse::HTTP_OK, _state->last()));
}

} // namespace feedhub::example
