//
// MetricsHandler.h
//
// Definition of the MetricsHandler class.
//

#ifndef feedhub_MetricsHandler_INCLUDED
#define feedhub_MetricsHandler_INCLUDED

#include "feedhub/RouteHandler.h"
#include "metrics/AddressRanges.h"
#include "metrics/HubMetrics.h"

namespace feedhub
{

class MetricsHandler : public RouteHandler
    /// GET /metrics: HubMetrics in the Prometheus text format, for clients
    /// whose address is in [metrics] allow; any other is refused 403.
    ///
    /// Mounted on the worker pool: gathering reads the bus's topics and
    /// the journal's size, which an event loop should not wait for.
{
public:
    static const std::string PATH;

    MetricsHandler(const HubMetrics& metrics, AddressRanges allowed);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    const HubMetrics& _metrics;
    AddressRanges _allowed;
};

} // namespace feedhub

#endif // feedhub_MetricsHandler_INCLUDED
