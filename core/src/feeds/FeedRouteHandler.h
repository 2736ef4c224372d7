//
// FeedRouteHandler.h
//
// Definition of the FeedRouteHandler class.
//

#ifndef feedhub_FeedRouteHandler_INCLUDED
#define feedhub_FeedRouteHandler_INCLUDED

#include "feedhub/RouteHandler.h"
#include <memory>

namespace feedhub
{

class FeedRouteHandler : public RouteHandler
    /// A feed's route as the hub mounts it: keeps the feed's plugin loaded
    /// while the route, a request it serves, a reply it kept or a waiter it
    /// parked still exists, even if the feed is stopped meanwhile.
{
public:
    FeedRouteHandler(std::shared_ptr<void> plugin, std::shared_ptr<RouteHandler> handler);

    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    std::shared_ptr<void> _plugin;
    std::shared_ptr<RouteHandler> _handler;
        /// Declared after _plugin, so destroyed before it.
};

} // namespace feedhub

#endif // feedhub_FeedRouteHandler_INCLUDED
