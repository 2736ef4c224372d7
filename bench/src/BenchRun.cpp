#include "BenchRun.h"

#include <algorithm>
#include <cstdlib>

#include "BenchPayload.h"
#include "Clock.h"
#include "ProcessCpuTime.h"
#include "ProcessMemory.h"
#include "Publisher.h"

namespace feedhub::bench
{

namespace
{

int64_t secondsToMicros(double seconds)
{
    return static_cast<int64_t>(seconds * 1e6);
}

// Share `index` of `total` split into `parts` nearly equal ones.
size_t shareOf(size_t total, size_t parts, size_t index)
{
    return total / parts + (index < total % parts ? 1 : 0);
}

// url on each of ports, or on --port if there are none.
std::vector<HttpTarget> targetsOn(const BenchOptions& options, const std::string& url,
                                  const std::vector<uint16_t>& ports)
{
    std::vector<HttpTarget> targets;
    for (const uint16_t port : ports)
        targets.push_back(HttpTarget::resolve(url, options.host, port));
    if (targets.empty())
        targets.push_back(HttpTarget::resolve(url, options.host, options.port));
    return targets;
}

// The sum over the processes, or nothing if any could not be read.
template <typename Read>
std::optional<int64_t> sumOver(const std::vector<int>& pids, Read read)
{
    if (pids.empty())
        return std::nullopt;
    int64_t total = 0;
    for (const int pid : pids)
    {
        const std::optional<int64_t> value = read(pid);
        if (!value)
            return std::nullopt;
        total += *value;
    }
    return total;
}

} // namespace

BenchRun::BenchRun(const BenchOptions& options)
    : _options(options), _runId(makeRunId()),
      _deadlineMicros(monotonicMicros() + secondsToMicros(options.durationLimitSeconds)),
      _subscribeTargets(targetsOn(options, options.subscribeUrl, options.subscribePorts)),
      _publishTargets(targetsOn(options, options.publishUrl, options.publishPorts))
{
}

// The worker threads use the shards, so they stop first.
BenchRun::~BenchRun()
{
    try
    {
        _workers.stop();
    }
    catch (...) // already failing: the first error is the one reported
    {
    }
    _shards.clear();
}

BenchResult BenchRun::execute()
{
    _result.subscribersRequested = static_cast<size_t>(_options.subscribers);
    sampleServerMemory(_result.rssBaselineKb);
    joinMembers();
    createShards();
    rampUp();
    if (_result.connected > 0)
    {
        runLoopFor(_options.settleSeconds);
        sampleServerMemory(_result.rssIdleKb);
        publishAndDrain();
        sampleServerMemory(_result.rssEndKb);
    }
    _workers.stop();
    int64_t lastFailureMicros = 0;
    for (const auto& shard : _shards)
    {
        const SubscriberCensus& census = shard->census();
        _result.lostConnections += census.count(SubscriberPhase::Lost);
        if (!census.lastFailure().empty() && census.lastFailureMonotonicMicros() >= lastFailureMicros)
        {
            _result.lastFailure = census.lastFailure();
            lastFailureMicros = census.lastFailureMonotonicMicros();
        }
        shard->stopSubscribers();
    }
    return _result;
}

void BenchRun::joinMembers()
{
    if (_options.joinUrl.empty())
        return;
    // On the subscribers' own nodes, in their order, so member i is subscriber i.
    _result.joins = MemberJoiner::joinAll(targetsOn(_options, _options.joinUrl, _options.subscribePorts),
                                          static_cast<size_t>(_options.subscribers));
}

void BenchRun::createShards()
{
    // No shard without subscribers; the handshakes in flight stay at
    // --connect-batch over all shards together.
    const size_t subscribers = static_cast<size_t>(_options.subscribers);
    const size_t count = std::clamp<size_t>(static_cast<size_t>(_options.threads), 1, subscribers);
    const size_t connectBatch = static_cast<size_t>(_options.connectBatch);
    size_t firstSubscriber = 0;
    for (size_t i = 0; i < count; ++i)
    {
        const size_t share = shareOf(subscribers, count, i);
        _shards.push_back(std::make_unique<BenchShard>(_options, _subscribeTargets, firstSubscriber, _runId, share,
                                                       std::max<size_t>(1, shareOf(connectBatch, count, i))));
        firstSubscriber += share;
    }
    _result.threads = count;
}

void BenchRun::rampUp()
{
    const int64_t started = monotonicMicros();
    _workers.start(_shards, _deadlineMicros);
    _shards.front()->rampUp(_deadlineMicros);
    // Keep serving our subscribers until every shard is through.
    _workers.waitUntilRamped(*_shards.front());
    _result.rampSeconds = static_cast<double>(monotonicMicros() - started) / 1e6;
    for (const auto& shard : _shards)
    {
        _result.connected += shard->connected();
        // Every first attempt has its outcome once its shard is through the ramp-up.
        _result.outcomes.merge(shard->census().outcomes());
    }
    _result.hitDurationLimit = pastDeadline();
}

void BenchRun::runLoopFor(double seconds)
{
    const int64_t until = std::min(monotonicMicros() + secondsToMicros(seconds), _deadlineMicros);
    while (monotonicMicros() < until)
        _shards.front()->tick();
}

void BenchRun::publishAndDrain()
{
    PublishPlan plan;
    plan.events = _options.events;
    plan.eventsPerSecond = _options.eventsPerSecond;
    plan.payloadBytes = _options.payloadBytes;
    plan.runId = _runId;
    plan.topic = _options.topic;
    plan.format = _options.publishFormat;
    Publisher publisher(_publishTargets, plan);

    // Every shard takes its poll counters before the first publish goes out.
    _workers.startMeasuring(*_shards.front());
    const std::vector<clockid_t> loopClocks = loopCpuClocks();
    uint64_t deliveriesSeen = 0;
    bool draining = false;
    int64_t lastProgress = 0;
    getloadavg(&_result.loadAverage, 1);
    const int64_t wallAtStart = monotonicMicros();
    const int64_t cpuAtStart = processCpuMicros();
    const std::optional<int64_t> serverCpuAtStart = sampleServerCpu();
    std::vector<int64_t> loopCpu; // at the start, then used over the window
    for (const clockid_t clock : loopClocks)
        loopCpu.push_back(clockMicros(clock));
    publisher.start();
    for (;;)
    {
        _shards.front()->tick();
        const int64_t now = monotonicMicros();
        const uint64_t deliveries = totalDeliveries();
        if (deliveries != deliveriesSeen)
        {
            deliveriesSeen = deliveries;
            lastProgress = now;
        }
        if (_workers.failed())
            break;
        if (pastDeadline())
        {
            _result.hitDurationLimit = true;
            break;
        }
        if (!publisher.finished())
            continue;
        // The drain timeout counts from the last publish or the last delivery,
        // whichever came later.
        if (!draining)
        {
            draining = true;
            lastProgress = now;
        }
        const uint64_t expected = _result.connected * publisher.publishedCount();
        if (deliveriesSeen >= expected || now - lastProgress > secondsToMicros(_options.drainTimeoutSeconds))
            break;
    }
    publisher.requestStop();
    publisher.join();
    const int64_t wallUsed = monotonicMicros() - wallAtStart;
    const int64_t processCpuUsed = processCpuMicros() - cpuAtStart;
    const std::optional<int64_t> serverCpuAtEnd = sampleServerCpu();
    if (serverCpuAtStart && serverCpuAtEnd)
        _result.serverCpuMicros = *serverCpuAtEnd - *serverCpuAtStart;
    for (size_t i = 0; i < loopClocks.size(); ++i)
        loopCpu[i] = clockMicros(loopClocks[i]) - loopCpu[i];
    _workers.stop(); // the shards' tallies are read from here on
    recordCpu(wallUsed, processCpuUsed, loopCpu);
    recordRates(publisher);
    tallyDeliveries(publisher.published());
}

void BenchRun::recordCpu(int64_t wallUsed, int64_t processCpuUsed, const std::vector<int64_t>& loopCpuUsed)
{
    if (wallUsed <= 0)
        return;
    _result.benchCpuPercent = 100.0 * static_cast<double>(processCpuUsed) / static_cast<double>(wallUsed);
    for (const int64_t used : loopCpuUsed)
    {
        _result.loopCpuMaxPercent = std::max(_result.loopCpuMaxPercent, 100.0 * static_cast<double>(used) /
                                                                            static_cast<double>(wallUsed));
    }
}

void BenchRun::recordRates(const Publisher& publisher)
{
    _result.eventsPublished = publisher.publishedCount();
    _result.publishFailures = publisher.failures();
    _result.lastPublishError = publisher.lastError();
    _result.achievedPublishRate = publisher.sendRate();
    _result.latePublishes = publisher.latePublishes();
    const int64_t firstPublish = publisher.firstPublishRealtimeMicros();

    // Poll cycles count up to the tick that saw the run's last delivery:
    // idle timeouts after the last event do not count.
    int64_t lastDeliveryTick = 0;
    for (const auto& shard : _shards)
        lastDeliveryTick = std::max(lastDeliveryTick, shard->lastDeliveryTickMicros());
    int64_t lastDelivery = 0;
    for (const auto& shard : _shards)
    {
        const PollCounters counted = shard->pollCountersUpTo(lastDeliveryTick);
        _result.poll.cycles += counted.cycles;
        _result.poll.truncatedResponses += counted.truncatedResponses;
        _result.poll.errors += counted.errors;
        _result.poll.reconnects += counted.reconnects;
        lastDelivery = std::max(lastDelivery, shard->recorder().lastDeliveryRealtimeMicros());
    }

    const uint64_t deliveries = totalDeliveries();
    if (deliveries == 0)
        return;
    _result.activeSeconds = static_cast<double>(lastDelivery - firstPublish) / 1e6;
    if (_result.activeSeconds > 0)
    {
        _result.deliveriesPerSecond = static_cast<double>(deliveries) / _result.activeSeconds;
        _result.pollCyclesPerSecond = static_cast<double>(_result.poll.cycles) / _result.activeSeconds;
    }
}

void BenchRun::tallyDeliveries(const SequenceSet& published)
{
    LatencyHistogram latency;
    for (const auto& shard : _shards)
    {
        const DeliveryRecorder& recorder = shard->recorder();
        _result.deliveries += recorder.deliveries();
        _result.duplicates += recorder.duplicates();
        _result.foreignEvents += recorder.foreignEvents();
        _result.missed += shard->missedFrom(published);
        latency.merge(recorder.latency());
    }
    _result.expectedDeliveries = _result.connected * _result.eventsPublished;
    _result.p50Micros = latency.quantileMicros(0.50);
    _result.p99Micros = latency.quantileMicros(0.99);
    _result.maxMicros = latency.maxMicros();
}

std::vector<clockid_t> BenchRun::loopCpuClocks()
{
    std::vector<clockid_t> clocks{CLOCK_THREAD_CPUTIME_ID};
    for (const clockid_t clock : _workers.cpuClocks())
        clocks.push_back(clock);
    return clocks;
}

uint64_t BenchRun::totalDeliveries() const
{
    uint64_t total = 0;
    for (const auto& shard : _shards)
        total += shard->deliveries();
    return total;
}

void BenchRun::sampleServerMemory(std::optional<int64_t>& into) const
{
    if (!_options.serverPids.empty())
        into = sumOver(_options.serverPids, readResidentSetKilobytes);
}

std::optional<int64_t> BenchRun::sampleServerCpu() const
{
    return sumOver(_options.serverPids, readProcessCpuMicros);
}

bool BenchRun::pastDeadline() const
{
    return monotonicMicros() >= _deadlineMicros;
}

} // namespace feedhub::bench
