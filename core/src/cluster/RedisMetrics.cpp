//
// RedisMetrics.cpp
//

#include "cluster/RedisMetrics.h"
#include "metrics/MetricFamilies.h"

namespace feedhub
{

using prometheus::MetricFamily;
using prometheus::MetricType;

RedisMetrics::RedisMetrics(const RedisLink& link) : _link(link)
{
}

std::vector<MetricFamily> RedisMetrics::Collect() const
{
    MetricFamily up = MetricFamilies::family(
        "feedhub_redis_up", "1 while the node's link to Redis works (commands and subscription), else 0",
        MetricType::Gauge);
    MetricFamilies::sample(up, _link.reachable() ? 1.0 : 0.0);
    MetricFamily drops = MetricFamilies::family(
        "feedhub_redis_disconnects_total", "How often the node lost a working link to Redis", MetricType::Counter);
    MetricFamilies::sample(drops, static_cast<double>(_link.drops()));
    std::vector<MetricFamily> families;
    families.push_back(std::move(up));
    families.push_back(std::move(drops));
    families.push_back(MetricFamilies::histogram("feedhub_redis_round_trip_seconds",
                                                 "From sending a command or script to Redis to its reply",
                                                 {&_link.roundTrips()}));
    return families;
}

} // namespace feedhub
