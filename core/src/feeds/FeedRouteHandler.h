//
// FeedRouteHandler.h
//
// Definition of the FeedRouteHandler class.
//

#ifndef feedhub_FeedRouteHandler_INCLUDED
#define feedhub_FeedRouteHandler_INCLUDED

#include "auth/Authorizer.h"
#include "feedhub/RouteHandler.h"
#include <memory>

namespace feedhub
{

class FeedRouteHandler : public RouteHandler
    /// A feed's route as the hub mounts it: keeps the feed's plugin loaded
    /// while the route, a request it serves, a reply it kept or a waiter it
    /// parked still exists, even if the feed is stopped meanwhile. Goes
    /// through the Authorizer like the hub's routes: an address refused too
    /// often is answered 429 before the feed runs, and each 401 or 403 the
    /// feed answers (a wrong token of its own) counts against the address.
{
public:
    FeedRouteHandler(std::shared_ptr<void> plugin, std::shared_ptr<RouteHandler> handler, Authorizer& authorizer);

    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    std::shared_ptr<void> _plugin;
    std::shared_ptr<RouteHandler> _handler;
        /// Declared after _plugin, so destroyed before it.
    Authorizer& _authorizer;
};

} // namespace feedhub

#endif // feedhub_FeedRouteHandler_INCLUDED
