//
// FeedRouteHandler.cpp
//

#include "feeds/FeedRouteHandler.h"

namespace feedhub
{

FeedRouteHandler::FeedRouteHandler(std::shared_ptr<void> plugin,
                                   std::unique_ptr<Poco::Net::HTTPRequestHandler> handler)
    : _plugin(std::move(plugin)), _handler(std::move(handler))
{
}

void FeedRouteHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                     Poco::Net::HTTPServerResponse& response)
{
    _handler->handleRequest(request, response);
}

} // namespace feedhub
