//
// MetricsSample.h
//
// Definition of the MetricsSample class.
//

#ifndef feedhub_MetricsSample_INCLUDED
#define feedhub_MetricsSample_INCLUDED

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

class MetricsSample
    /// One scrape of the hub's /metrics, in the Prometheus text format:
    /// each sample's value by metric name and labels. (prometheus-cpp, which
    /// the hub writes it with, has no parser.)
{
public:
    explicit MetricsSample(const std::string& text);
        /// Skips comments and lines it cannot read.

    std::optional<double> total(const std::string& name) const;
        /// The sum of name's samples over all their labels; empty if the hub
        /// has no such metric.

    std::map<std::string, double> byLabel(const std::string& name, const std::string& label) const;
        /// name's samples summed by the value of one label.

private:
    struct Sample
    {
        std::map<std::string, std::string> labels;
        double value;
    };

    void readLine(const std::string& line);

    std::map<std::string, std::vector<Sample>> _samples;
};

} // namespace feedhub

#endif // feedhub_MetricsSample_INCLUDED
