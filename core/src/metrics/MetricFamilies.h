//
// MetricFamilies.h
//
// Definition of the MetricFamilies class.
//

#ifndef feedhub_MetricFamilies_INCLUDED
#define feedhub_MetricFamilies_INCLUDED

#include "metrics/LatencyHistogram.h"
#include "prometheus/metric_family.h"
#include <string>
#include <vector>

namespace feedhub
{

class MetricFamilies
    /// Builds the Prometheus families that the hub's collectors read from
    /// counters of their own (not prometheus-cpp's metric objects).
{
public:
    static prometheus::MetricFamily family(const std::string& name, const std::string& help,
                                           prometheus::MetricType type);
        /// An empty family.

    static void sample(prometheus::MetricFamily& family, double value, const std::string& label = "",
                       const std::string& labelValue = "");
        /// Adds a counter's or gauge's value, with at most one label.

    static prometheus::MetricFamily histogram(const std::string& name, const std::string& help,
                                              const std::vector<const LatencyHistogram*>& histograms);
        /// One histogram, the sum of histograms.
};

} // namespace feedhub

#endif // feedhub_MetricFamilies_INCLUDED
