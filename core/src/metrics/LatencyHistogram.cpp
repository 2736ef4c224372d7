//
// LatencyHistogram.cpp
//

#include "metrics/LatencyHistogram.h"
#include <algorithm>

namespace feedhub
{

const std::vector<double>& LatencyHistogram::bounds()
{
    static const std::vector<double> seconds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
    return seconds;
}

void LatencyHistogram::observe(Poco::Timespan::TimeDiff microseconds)
{
    const auto elapsed = static_cast<std::uint64_t>(std::max<Poco::Timespan::TimeDiff>(0, microseconds));
    const std::vector<double>& limits = bounds();
    const double seconds = static_cast<double>(elapsed) / 1e6;
    const std::size_t bucket =
        static_cast<std::size_t>(std::lower_bound(limits.begin(), limits.end(), seconds) - limits.begin());
    _counts[bucket].fetch_add(1, std::memory_order_relaxed);
    _sumMicroseconds.fetch_add(elapsed, std::memory_order_relaxed);
}

void LatencyHistogram::addTo(prometheus::ClientMetric::Histogram& total) const
{
    const std::vector<double>& limits = bounds();
    if (total.bucket.empty())
    {
        for (double limit : limits)
        {
            prometheus::ClientMetric::Bucket bucket;
            bucket.upper_bound = limit;
            total.bucket.push_back(bucket);
        }
    }
    // The count is the buckets' sum, so that the +Inf bucket (the count) is
    // never below the last finite one, whatever is observed meanwhile.
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < BUCKETS; ++i)
    {
        cumulative += _counts[i].load(std::memory_order_relaxed);
        total.bucket[i].cumulative_count += cumulative;
    }
    cumulative += _counts[BUCKETS].load(std::memory_order_relaxed);
    total.sample_count += cumulative;
    total.sample_sum += static_cast<double>(_sumMicroseconds.load(std::memory_order_relaxed)) / 1e6;
}

} // namespace feedhub
