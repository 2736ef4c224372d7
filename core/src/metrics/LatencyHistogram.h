//
// LatencyHistogram.h
//
// Definition of the LatencyHistogram class.
//

#ifndef feedhub_LatencyHistogram_INCLUDED
#define feedhub_LatencyHistogram_INCLUDED

#include "Poco/Timespan.h"
#include "prometheus/client_metric.h"
#include <array>
#include <atomic>
#include <cstdint>
#include <vector>

namespace feedhub
{

class LatencyHistogram
    /// Durations counted in fixed buckets from 100 microseconds to 10
    /// seconds, without a lock: observe() is a few relaxed atomic additions,
    /// from any thread. (prometheus::Histogram takes a mutex per observation.)
    ///
    /// Each event loop has its own, so loops never share a cache line;
    /// addTo() sums them into one Prometheus histogram when /metrics is read.
{
public:
    static const std::vector<double>& bounds();
        /// The buckets' upper bounds, in seconds (+Inf follows).

    void observe(Poco::Timespan::TimeDiff microseconds);
        /// A negative duration (a clock set back) counts as zero. Any thread.

    void addTo(prometheus::ClientMetric::Histogram& total) const;
        /// Adds this histogram's buckets, count and sum to total (whose
        /// buckets are created on the first call). Any thread.

private:
    static constexpr std::size_t BUCKETS = 16;

    std::array<std::atomic<std::uint64_t>, BUCKETS + 1> _counts{};
        /// Per bucket, not cumulative; the last is beyond the highest bound.
    std::atomic<std::uint64_t> _sumMicroseconds{0};
};

} // namespace feedhub

#endif // feedhub_LatencyHistogram_INCLUDED
