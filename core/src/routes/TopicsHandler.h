//
// TopicsHandler.h
//
// Definition of the TopicsHandler class.
//

#ifndef feedhub_TopicsHandler_INCLUDED
#define feedhub_TopicsHandler_INCLUDED

#include "hub/Hub.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class TopicsHandler : public RouteHandler
    /// GET /topics: each topic with its subscriber count, held events and last id.
{
public:
    explicit TopicsHandler(Hub& hub);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    Hub& _hub;
};

} // namespace feedhub

#endif // feedhub_TopicsHandler_INCLUDED
