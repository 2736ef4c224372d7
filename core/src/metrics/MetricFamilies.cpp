//
// MetricFamilies.cpp
//

#include "metrics/MetricFamilies.h"

namespace feedhub
{

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily MetricFamilies::family(const std::string& name, const std::string& help, MetricType type)
{
    MetricFamily result;
    result.name = name;
    result.help = help;
    result.type = type;
    return result;
}

void MetricFamilies::sample(MetricFamily& family, double value, const std::string& label,
                            const std::string& labelValue)
{
    ClientMetric metric;
    if (!label.empty())
        metric.label.push_back(ClientMetric::Label{label, labelValue});
    if (family.type == MetricType::Counter)
        metric.counter.value = value;
    else
        metric.gauge.value = value;
    family.metric.push_back(std::move(metric));
}

MetricFamily MetricFamilies::histogram(const std::string& name, const std::string& help,
                                       const std::vector<const LatencyHistogram*>& histograms)
{
    MetricFamily result = family(name, help, MetricType::Histogram);
    ClientMetric metric;
    for (const LatencyHistogram* each : histograms)
        each->addTo(metric.histogram);
    result.metric.push_back(std::move(metric));
    return result;
}

} // namespace feedhub
