#include "BenchReport.h"

#include <iomanip>
#include <optional>
#include <sstream>
#include <string>

namespace feedhub::bench
{

std::string fixed(double value, int decimals)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(decimals) << value;
    return text.str();
}

std::string millis(int64_t micros)
{
    return fixed(static_cast<double>(micros) / 1000.0, 3);
}

namespace
{

double deliveredPercent(const BenchResult& result)
{
    if (result.expectedDeliveries == 0)
        return 0;
    return 100.0 * static_cast<double>(result.expectedDeliveries - result.missed) /
           static_cast<double>(result.expectedDeliveries);
}

// Server memory growth from baseline to all-subscribed-and-idle, per subscriber.
std::optional<int64_t> rssPerSubscriberBytes(const BenchResult& result)
{
    if (!result.rssBaselineKb || !result.rssIdleKb || result.connected == 0)
        return std::nullopt;
    return (*result.rssIdleKb - *result.rssBaselineKb) * 1024 / static_cast<int64_t>(result.connected);
}

// Paths given without a host go to --host:--port; show where that is.
std::string absoluteUrl(const BenchOptions& options, const std::string& url)
{
    if (url.empty() || url.front() != '/')
        return url;
    return "http://" + options.host + ":" + std::to_string(options.port) + url;
}

std::string orNa(const std::optional<int64_t>& value)
{
    return value ? std::to_string(*value) : "na";
}

std::string secondsOrNa(const std::optional<int64_t>& micros)
{
    return micros ? fixed(static_cast<double>(*micros) / 1e6, 3) : "na";
}

// From the storm's first connect to its last subscriber served; empty if none was.
std::optional<int64_t> lastServedMicros(const ConnectOutcomes& outcomes)
{
    if (outcomes.lastServedMicros() == 0 || outcomes.firstAttemptMicros() == 0)
        return std::nullopt;
    return outcomes.lastServedMicros() - outcomes.firstAttemptMicros();
}

// The same, only if every subscriber was served: the time to all connected.
std::optional<int64_t> allServedMicros(const BenchResult& result)
{
    if (result.outcomes.count(ConnectOutcome::Served) != result.subscribersRequested)
        return std::nullopt;
    return lastServedMicros(result.outcomes);
}

// "503:120,429:3", or "none".
std::string refusedCodes(const ConnectOutcomes& outcomes)
{
    std::string text;
    for (const auto& [status, count] : outcomes.refusedStatuses())
        text += (text.empty() ? "" : ",") + std::to_string(status) + ":" + std::to_string(count);
    return text.empty() ? "none" : text;
}

// Server CPU time per unit of work over the measured window, in microseconds, or "na".
std::string serverCpuPer(const BenchResult& result, uint64_t units)
{
    if (!result.serverCpuMicros || units == 0)
        return "na";
    return fixed(static_cast<double>(*result.serverCpuMicros) / static_cast<double>(units), 2);
}

void printStormSummary(std::ostream& out, const BenchResult& result)
{
    const ConnectOutcomes& outcomes = result.outcomes;
    out << "  storm       " << result.subscribersRequested
        << " connects at once: " << outcomes.count(ConnectOutcome::Served) << " served, "
        << outcomes.count(ConnectOutcome::RefusedWithStatus) << " refused with a status ("
        << refusedCodes(outcomes) << "), " << outcomes.count(ConnectOutcome::ClosedWithoutResponse)
        << " closed without a response, " << outcomes.count(ConnectOutcome::ConnectFailed)
        << " connect failed, " << outcomes.count(ConnectOutcome::Pending) << " never answered ("
        << outcomes.pendingWithoutHandshake() << " without a TCP handshake); connects issued in "
        << secondsOrNa(outcomes.lastAttemptMicros() - outcomes.firstAttemptMicros()) << " s, last served "
        << secondsOrNa(lastServedMicros(outcomes)) << " s after the first connect\n";
}

} // namespace

void printSummary(std::ostream& out, const BenchOptions& options, const BenchResult& result)
{
    out << "feedhub-bench " << modeName(options.mode) << " run against "
        << absoluteUrl(options, options.subscribeUrl);
    if (!options.subscribePorts.empty())
    {
        out << ", subscribers round robin over ports";
        for (size_t i = 0; i < options.subscribePorts.size(); ++i)
            out << (i == 0 ? " " : ",") << options.subscribePorts[i];
    }
    out << " (publishing to " << absoluteUrl(options, options.publishUrl) << ")\n";
    if (!options.joinUrl.empty())
    {
        out << "  joined      " << result.joins.joined << " / " << result.subscribersRequested << " members ("
            << absoluteUrl(options, options.joinUrl) << ") in " << fixed(result.joins.seconds, 2) << " s";
        if (result.joins.retries > 0)
            out << "; " << result.joins.retries << " answers 503 tried again";
        if (result.joins.failures > 0)
            out << "; " << result.joins.failures << " failed (" << result.joins.lastError << ")";
        out << "\n";
    }
    out << "  connected   " << result.connected << " / " << result.subscribersRequested << " subscribers in "
        << fixed(result.rampSeconds, 2) << " s; " << result.lostConnections << " lost later\n";
    if (!result.lastFailure.empty())
        out << "  last error  " << result.lastFailure << "\n";
    if (options.connectStorm)
        printStormSummary(out, result);
    if (result.connected == 0)
    {
        out << "  no subscriber could connect; nothing was published\n";
        return;
    }
    out << "  published   " << result.eventsPublished << " / " << options.events << " events at "
        << (options.eventsPerSecond > 0 ? fixed(options.eventsPerSecond, 1) + "/s"
                                        : std::string("full speed"))
        << " (sent at " << fixed(result.achievedPublishRate, 1) << "/s";
    if (options.eventsPerSecond > 0)
        out << ", " << result.latePublishes << " sent over " << Publisher::kLateMicros / 1000 << " ms late";
    out << "), ~" << options.payloadBytes << " B each";
    if (result.publishFailures > 0)
        out << "; " << result.publishFailures << " failed (" << result.lastPublishError << ")";
    out << "\n";
    out << "  delivered   " << result.deliveries << " / " << result.expectedDeliveries << " ("
        << fixed(deliveredPercent(result), 2) << "%), missed " << result.missed << ", duplicates "
        << result.duplicates << ", foreign " << result.foreignEvents << "\n";
    out << "  throughput  " << fixed(result.deliveriesPerSecond, 0) << " deliveries/s over "
        << fixed(result.activeSeconds, 3) << " s (first publish to last delivery)\n";
    out << "  latency     p50 " << millis(result.p50Micros) << " ms, p99 " << millis(result.p99Micros)
        << " ms, max " << millis(result.maxMicros) << " ms\n";
    if (result.threads > 1)
    {
        // Several loops: the process total may exceed one core; the busiest
        // loop thread is the one that would hold the run back.
        out << "  bench CPU   " << fixed(result.benchCpuPercent, 0)
            << "% of one core (all threads) while publishing and draining, busiest of " << result.threads
            << " event loops " << fixed(result.loopCpuMaxPercent, 0) << "%"
            << (result.loopCpuMaxPercent > 90 ? " (the load tool may be the bottleneck)" : "");
    }
    else
    {
        out << "  bench CPU   " << fixed(result.benchCpuPercent, 0)
            << "% of one core while publishing and draining"
            << (result.benchCpuPercent > 90 ? " (the load tool may be the bottleneck)" : "");
    }
    out << "; machine load average " << fixed(result.loadAverage, 2) << " at start\n";
    if (!options.serverPids.empty())
    {
        out << "  server RSS  baseline " << orNa(result.rssBaselineKb) << " kB, idle "
            << orNa(result.rssIdleKb) << " kB, end " << orNa(result.rssEndKb) << " kB, "
            << orNa(rssPerSubscriberBytes(result)) << " B per subscriber\n";
        out << "  server CPU  " << orNa(result.serverCpuMicros) << " us while publishing and draining, "
            << serverCpuPer(result, result.deliveries) << " us per delivery";
        if (options.mode == SubscribeMode::Poll)
            out << ", " << serverCpuPer(result, result.poll.cycles) << " us per poll cycle";
        out << "\n";
    }
    if (options.mode == SubscribeMode::Poll)
    {
        out << "  long poll   " << result.poll.cycles << " cycles (" << fixed(result.pollCyclesPerSecond, 0)
            << "/s), " << result.poll.truncatedResponses << " truncated, " << result.poll.errors
            << " errors, " << result.poll.reconnects << " reconnects\n";
    }
    if (result.hitDurationLimit)
        out << "  stopped early: --duration-limit reached\n";
}

void printResultLine(std::ostream& out, const BenchOptions& options, const BenchResult& result)
{
    out << "RESULT mode=" << modeName(options.mode) << " subscribers=" << result.subscribersRequested
        << " connected=" << result.connected << " events=" << result.eventsPublished
        << " rate=" << fixed(options.eventsPerSecond, 1)
        << " publish_rate=" << fixed(result.achievedPublishRate, 1)
        << " late_publishes=" << result.latePublishes << " payload_bytes=" << options.payloadBytes
        << " deliveries=" << result.deliveries << " expected_deliveries=" << result.expectedDeliveries
        << " delivered_pct=" << fixed(deliveredPercent(result), 2) << " missed=" << result.missed
        << " duplicates=" << result.duplicates << " deliveries_per_s=" << fixed(result.deliveriesPerSecond, 1)
        << " p50_ms=" << millis(result.p50Micros) << " p99_ms=" << millis(result.p99Micros)
        << " max_ms=" << millis(result.maxMicros) << " rss_baseline_kb=" << orNa(result.rssBaselineKb)
        << " rss_idle_kb=" << orNa(result.rssIdleKb) << " rss_end_kb=" << orNa(result.rssEndKb)
        << " rss_per_sub_bytes=" << orNa(rssPerSubscriberBytes(result)) << " lost=" << result.lostConnections
        << " publish_failures=" << result.publishFailures
        << " bench_cpu_pct=" << fixed(result.benchCpuPercent, 1)
        << " loadavg_1m=" << fixed(result.loadAverage, 2) << " server_cpu_us=" << orNa(result.serverCpuMicros)
        << " server_cpu_us_per_delivery=" << serverCpuPer(result, result.deliveries);
    // Only with several event loops, so that a one-loop line stays as it was.
    if (result.threads > 1)
        out << " threads=" << result.threads << " loop_cpu_max_pct=" << fixed(result.loopCpuMaxPercent, 1);
    if (options.mode == SubscribeMode::Poll)
    {
        out << " cycles=" << result.poll.cycles << " cycles_per_s=" << fixed(result.pollCyclesPerSecond, 1)
            << " truncated=" << result.poll.truncatedResponses << " poll_errors=" << result.poll.errors
            << " reconnects=" << result.poll.reconnects
            << " server_cpu_us_per_cycle=" << serverCpuPer(result, result.poll.cycles);
    }
    if (!options.joinUrl.empty())
        out << " joined=" << result.joins.joined << " join_failures=" << result.joins.failures
            << " join_retries=" << result.joins.retries
            << " join_s=" << fixed(result.joins.seconds, 2);
    if (options.connectStorm)
    {
        const ConnectOutcomes& outcomes = result.outcomes;
        out << " storm=1 storm_served=" << outcomes.count(ConnectOutcome::Served)
            << " storm_refused_status=" << outcomes.count(ConnectOutcome::RefusedWithStatus)
            << " storm_refused_codes=" << refusedCodes(outcomes)
            << " storm_closed_silently=" << outcomes.count(ConnectOutcome::ClosedWithoutResponse)
            << " storm_connect_failed=" << outcomes.count(ConnectOutcome::ConnectFailed)
            << " storm_never_answered=" << outcomes.count(ConnectOutcome::Pending)
            << " storm_no_handshake=" << outcomes.pendingWithoutHandshake()
            << " storm_issue_s=" << secondsOrNa(outcomes.lastAttemptMicros() - outcomes.firstAttemptMicros())
            << " storm_last_served_s=" << secondsOrNa(lastServedMicros(outcomes))
            << " storm_all_served_s=" << secondsOrNa(allServedMicros(result));
    }
    out << " duration_limited=" << (result.hitDurationLimit ? 1 : 0) << "\n";
}

} // namespace feedhub::bench
