//
// RedisMetrics.h
//
// Definition of the RedisMetrics class.
//

#ifndef feedhub_RedisMetrics_INCLUDED
#define feedhub_RedisMetrics_INCLUDED

#include "cluster/RedisLink.h"
#include "prometheus/collectable.h"

namespace feedhub
{

class RedisMetrics : public prometheus::Collectable
    /// What /metrics shows of a cluster node's link to Redis: whether it is
    /// up, how often it was lost, and the round trip of its commands.
{
public:
    explicit RedisMetrics(const RedisLink& link);
        /// The link must outlive this.

    std::vector<prometheus::MetricFamily> Collect() const override;
        /// Any thread.

private:
    const RedisLink& _link;
};

} // namespace feedhub

#endif // feedhub_RedisMetrics_INCLUDED
