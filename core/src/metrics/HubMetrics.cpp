//
// HubMetrics.cpp
//

#include "metrics/HubMetrics.h"
#include "metrics/MetricFamilies.h"
#include "prometheus/gauge.h"
#include "prometheus/text_serializer.h"
#include <sstream>
#include <sys/stat.h>

namespace feedhub
{

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

namespace
{

template <typename Read>
MetricFamily byTransport(const std::string& name, const std::string& help, MetricType type,
                         const std::vector<LoopMetrics::Transport>& transports,
                         const std::vector<const LoopMetrics*>& loops, Read read)
{
    MetricFamily result = MetricFamilies::family(name, help, type);
    for (LoopMetrics::Transport transport : transports)
    {
        std::int64_t total = 0;
        for (const LoopMetrics* loop : loops)
            total += read(loop->of(transport));
        MetricFamilies::sample(result, static_cast<double>(total), "transport", LoopMetrics::name(transport));
    }
    return result;
}

double fileBytes(const std::string& path)
{
    struct stat status;
    return ::stat(path.c_str(), &status) == 0 ? static_cast<double>(status.st_size) : 0.0;
}

} // namespace

const std::string HubMetrics::CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

HubMetrics::HubMetrics(Bus& bus, WorkerPool& workers, std::string journalPath)
    : _bus(bus), _workers(workers), _journalPath(std::move(journalPath)),
      _reloads(
          prometheus::BuildCounter()
              .Name("feedhub_reloads_total")
              .Help("Reloads of hub.ini (SIGHUP) by outcome: applied, or refused for an error in the file")
              .Register(_registry)),
      _reloadsApplied(_reloads.Add({{"outcome", "applied"}})),
      _reloadsRefused(_reloads.Add({{"outcome", "refused"}}))
{
    prometheus::BuildGauge()
        .Name("process_start_time_seconds")
        .Help("When the hub started, in seconds since the Unix epoch")
        .Register(_registry)
        .Add({})
        .SetToCurrentTime();
}

void HubMetrics::addLoop(const LoopMetrics& loop)
{
    _loops.push_back(&loop);
}

void HubMetrics::add(std::shared_ptr<const prometheus::Collectable> source)
{
    _sources.push_back(std::move(source));
}

void HubMetrics::reloaded(Reload outcome)
{
    (outcome == Reload::APPLIED ? _reloadsApplied : _reloadsRefused).Increment();
}

std::vector<MetricFamily> HubMetrics::Collect() const
{
    std::vector<MetricFamily> families = _registry.Collect();
    collectLoops(families);
    collectPublishes(families);
    collectState(families);
    for (const auto& source : _sources)
    {
        for (MetricFamily& each : source->Collect())
            families.push_back(std::move(each));
    }
    return families;
}

void HubMetrics::collectLoops(std::vector<MetricFamily>& families) const
{
    using Transport = LoopMetrics::Transport;
    using PerTransport = LoopMetrics::PerTransport;
    const std::vector<Transport> all(LoopMetrics::transports().begin(), LoopMetrics::transports().end());
    const std::vector<Transport> streams = {Transport::SSE, Transport::WEBSOCKET};
    families.push_back(byTransport(
        "feedhub_connections",
        "Open client connections by what they are now: http (requests, kept-alive connections), poll "
        "(a waiting long poll), sse, websocket",
        MetricType::Gauge, all, _loops, [](const PerTransport& each) { return each.connections.value(); }));
    families.push_back(
        byTransport("feedhub_events_delivered_total",
                    "Events queued to subscribers by transport; for poll, answers carrying events",
                    MetricType::Counter, {Transport::POLL, Transport::SSE, Transport::WEBSOCKET}, _loops,
                    [](const PerTransport& each) { return each.delivered.value(); }));
    families.push_back(byTransport("feedhub_bytes_sent_total", "Bytes written to client sockets by transport",
                                   MetricType::Counter, all, _loops,
                                   [](const PerTransport& each) { return each.outbox.sent.value(); }));
    families.push_back(byTransport(
        "feedhub_outbox_bytes", "Bytes queued for client sockets that have not taken them yet",
        MetricType::Gauge, all, _loops, [](const PerTransport& each) { return each.outbox.queued.value(); }));
    families.push_back(byTransport(
        "feedhub_slow_consumer_disconnects_total",
        "Subscribers disconnected for being more than [sse] outbox_limit_bytes behind (they resume by id)",
        MetricType::Counter, streams, _loops,
        [](const PerTransport& each) { return each.slowDisconnects.value(); }));

    MetricFamily subscriptions =
        MetricFamilies::family("feedhub_subscriptions",
               "Topic subscriptions held: one per connection and topic it watches (SSE "
               "streams, WebSocket clients, waiting long polls)",
               MetricType::Gauge);
    std::int64_t watched = 0;
    for (const LoopMetrics* loop : _loops)
        watched += loop->subscriptions().value();
    MetricFamilies::sample(subscriptions, static_cast<double>(watched));
    families.push_back(std::move(subscriptions));

    MetricFamily refused =
        MetricFamilies::family("feedhub_requests_refused_total",
               "Requests answered with an error status (4xx, 5xx), by status", MetricType::Counter);
    for (int status = LoopMetrics::LOWEST_REFUSAL; status <= LoopMetrics::HIGHEST_REFUSAL; ++status)
    {
        std::int64_t total = 0;
        for (const LoopMetrics* loop : _loops)
            total += loop->refusals(status);
        if (total > 0)
            MetricFamilies::sample(refused, static_cast<double>(total), "status", std::to_string(status));
    }
    if (!refused.metric.empty())
        families.push_back(std::move(refused));

    std::vector<const LatencyHistogram*> lags;
    std::vector<const LatencyHistogram*> fanOuts;
    for (const LoopMetrics* loop : _loops)
    {
        lags.push_back(&loop->lag());
        fanOuts.push_back(&loop->fanOut());
    }
    families.push_back(MetricFamilies::histogram("feedhub_event_loop_lag_seconds",
                                 "How long work handed to an event loop (events, answers, new connections) "
                                 "waited for the loop to take it",
                                 lags));
    families.push_back(MetricFamilies::histogram("feedhub_fanout_latency_seconds",
                                 "From an event's publish to an event loop's last socket write of it (one "
                                 "observation per event and loop with subscribers to it)",
                                 fanOuts));
}

void HubMetrics::collectPublishes(std::vector<MetricFamily>& families) const
{
    using Outcome = PublishMetrics::Outcome;
    MetricFamily published = MetricFamilies::family("feedhub_events_published_total",
                                    "Events published by outcome: accepted counts each event stored; refused "
                                    "(bad input, auth, limits) and failed (not stored) count each publish",
                                    MetricType::Counter);
    for (Outcome outcome : {Outcome::ACCEPTED, Outcome::REFUSED, Outcome::FAILED})
        MetricFamilies::sample(published, static_cast<double>(_publishes.events(outcome)), "outcome",
               PublishMetrics::name(outcome));
    families.push_back(std::move(published));
    families.push_back(MetricFamilies::histogram("feedhub_publish_latency_seconds",
                                 "From a publish's arrival to its events being stored, per publish",
                                 std::vector<const LatencyHistogram*>{&_publishes.latency()}));
}

void HubMetrics::collectState(std::vector<MetricFamily>& families) const
{
    // One reading of the bus's topics, under its lock for the copy only.
    const std::vector<Bus::TopicStatus> topics = _bus.topics();
    std::size_t held = 0;
    for (const Bus::TopicStatus& topic : topics)
        held += topic.held;
    MetricFamily topicCount =
        MetricFamilies::family("feedhub_topics", "Topics the hub knows: with history or subscribers", MetricType::Gauge);
    MetricFamilies::sample(topicCount, static_cast<double>(topics.size()));
    families.push_back(std::move(topicCount));
    MetricFamily events =
        MetricFamilies::family("feedhub_history_events", "Events history holds in memory, across topics", MetricType::Gauge);
    MetricFamilies::sample(events, static_cast<double>(held));
    families.push_back(std::move(events));
    if (!_journalPath.empty())
    {
        MetricFamily journal = MetricFamilies::family(
            "feedhub_history_journal_bytes",
            "Size of the history journal on disk (the file and its write-ahead log)", MetricType::Gauge);
        MetricFamilies::sample(journal, fileBytes(_journalPath) + fileBytes(_journalPath + "-wal"));
        families.push_back(std::move(journal));
    }
    MetricFamily queue = MetricFamilies::family("feedhub_worker_queue_depth",
                                "Requests waiting for a worker thread (static files, feed routes, /metrics)",
                                MetricType::Gauge);
    MetricFamilies::sample(queue, static_cast<double>(_workers.queued()));
    families.push_back(std::move(queue));
}

std::string HubMetrics::text() const
{
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, Collect());
    return out.str();
}

} // namespace feedhub
