//
// HealthHandler.h
//
// Definition of the HealthHandler class.
//

#ifndef feedhub_HealthHandler_INCLUDED
#define feedhub_HealthHandler_INCLUDED

#include "hub/Hub.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class HealthHandler : public RouteHandler
    /// GET /healthz: 200 while the hub serves; 503 with the reason while its
    /// bus cannot take publishes (a cluster node out of reach of Redis).
{
public:
    explicit HealthHandler(Hub& hub);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    Hub& _hub;
};

} // namespace feedhub

#endif // feedhub_HealthHandler_INCLUDED
