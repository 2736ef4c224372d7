//
// HubMetrics.h
//
// Definition of the HubMetrics class.
//

#ifndef feedhub_HubMetrics_INCLUDED
#define feedhub_HubMetrics_INCLUDED

#include "bus/Bus.h"
#include "http/WorkerPool.h"
#include "metrics/LoopMetrics.h"
#include "metrics/PublishMetrics.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/registry.h"
#include <memory>
#include <string>
#include <vector>

namespace feedhub
{

class HubMetrics : public prometheus::Collectable
    /// Everything GET /metrics shows, gathered when it is read.
    ///
    /// What is counted per event lives where it happens and takes no lock:
    /// each loop's LoopMetrics (connections, subscriptions, deliveries,
    /// bytes, refusals, lag, fan-out latency), summed over the loops here,
    /// and PublishMetrics. The state of the bus, the worker pool and the
    /// journal is read at collection, and rare events (reloads) count in a
    /// prometheus::Registry. Another bus backend adds its own metrics with
    /// add().
{
public:
    enum class Reload
    {
        APPLIED, /// hub.ini read again and applied
        REFUSED  /// a file with an error: the running configuration stays
    };

    HubMetrics(Bus& bus, WorkerPool& workers, std::string journalPath);
        /// journalPath is the history journal whose size is shown; empty for none.

    void addLoop(const LoopMetrics& loop);
        /// Sums the loop's metrics in. Before the hub serves.

    void add(std::shared_ptr<const prometheus::Collectable> source);
        /// Shows source's metric families too (a Redis backend's). Before the hub serves.

    PublishMetrics& publishes() { return _publishes; }

    void reloaded(Reload outcome);
        /// Counts a reload of hub.ini. Any thread.

    std::vector<prometheus::MetricFamily> Collect() const override;
        /// Any thread.

    std::string text() const;
        /// Collect() in the Prometheus text format, version 0.0.4.

    static const std::string CONTENT_TYPE;
        /// The media type of text().

private:
    void collectLoops(std::vector<prometheus::MetricFamily>& families) const;
    void collectPublishes(std::vector<prometheus::MetricFamily>& families) const;
    void collectState(std::vector<prometheus::MetricFamily>& families) const;

    Bus& _bus;
    WorkerPool& _workers;
    std::string _journalPath;
    std::vector<const LoopMetrics*> _loops;
    PublishMetrics _publishes;
    prometheus::Registry _registry;
    prometheus::Family<prometheus::Counter>& _reloads;
    prometheus::Counter& _reloadsApplied;
    prometheus::Counter& _reloadsRefused;
    std::vector<std::shared_ptr<const prometheus::Collectable>> _sources;
};

} // namespace feedhub

#endif // feedhub_HubMetrics_INCLUDED
