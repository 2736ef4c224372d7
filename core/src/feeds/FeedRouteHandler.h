//
// FeedRouteHandler.h
//
// Definition of the FeedRouteHandler class.
//

#ifndef feedhub_FeedRouteHandler_INCLUDED
#define feedhub_FeedRouteHandler_INCLUDED

#include "Poco/Net/HTTPRequestHandler.h"
#include <memory>

namespace feedhub
{

class FeedRouteHandler : public Poco::Net::HTTPRequestHandler
    /// Serves a request with a handler made by a feed, keeping the feed's
    /// plugin loaded until that handler is destroyed, even if the feed is
    /// stopped meanwhile.
{
public:
    FeedRouteHandler(std::shared_ptr<void> plugin, std::unique_ptr<Poco::Net::HTTPRequestHandler> handler);

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override;

private:
    std::shared_ptr<void> _plugin;
    std::unique_ptr<Poco::Net::HTTPRequestHandler> _handler;
        /// Declared after _plugin, so destroyed before it.
};

} // namespace feedhub

#endif // feedhub_FeedRouteHandler_INCLUDED
