#include "BenchRun.h"

#include <algorithm>
#include <cstdlib>

#include <unistd.h>

#include "Clock.h"
#include "HubPollProtocol.h"
#include "NchanPollProtocol.h"
#include "ProcessMemory.h"
#include "Publisher.h"
#include "SseSubscriber.h"

namespace feedhub::bench
{

namespace
{

// The ramp-up gives up when no subscriber got anywhere for this long.
constexpr int64_t kRampStallMicros = 15 * 1000000;
constexpr int kLoopTickMillis = 10;

uint64_t makeRunId()
{
    // Below 2^53 so it survives a server that turns JSON numbers into doubles.
    const uint64_t mixed =
        static_cast<uint64_t>(realtimeMicros()) * 1000003u ^ static_cast<uint64_t>(getpid());
    return mixed & ((uint64_t{1} << 53) - 1);
}

int64_t secondsToMicros(double seconds)
{
    return static_cast<int64_t>(seconds * 1e6);
}

} // namespace

BenchRun::BenchRun(const BenchOptions& options)
    : _options(options), _runId(makeRunId()),
      _deadlineMicros(monotonicMicros() + secondsToMicros(options.durationLimitSeconds)),
      _subscribeTarget(HttpTarget::resolve(options.subscribeUrl, options.host, options.port)),
      _publishTarget(HttpTarget::resolve(options.publishUrl, options.host, options.port)), _recorder(_runId)
{
    if (options.mode == SubscribeMode::Poll)
    {
        if (options.pollProtocol == PollProtocolKind::Nchan)
            _pollProtocol = std::make_unique<NchanPollProtocol>();
        else
            _pollProtocol = std::make_unique<HubPollProtocol>(options.pollTimeoutSeconds);
    }
}

// Subscribers unregister their sockets from the loop, so they go first.
BenchRun::~BenchRun()
{
    _subscribers.clear();
}

BenchResult BenchRun::execute()
{
    _result.subscribersRequested = static_cast<size_t>(_options.subscribers);
    sampleServerMemory(_result.rssBaselineKb);
    createSubscribers();
    rampUp();
    if (_result.connected > 0)
    {
        runLoopFor(_options.settleSeconds);
        sampleServerMemory(_result.rssIdleKb);
        publishAndDrain();
        sampleServerMemory(_result.rssEndKb);
    }
    _result.lostConnections = _census.count(SubscriberPhase::Lost);
    _result.lastFailure = _census.lastFailure();
    for (auto& subscriber : _subscribers)
        subscriber->stop();
    return _result;
}

void BenchRun::createSubscribers()
{
    _subscribers.reserve(static_cast<size_t>(_options.subscribers));
    for (int i = 0; i < _options.subscribers; ++i)
    {
        if (_options.mode == SubscribeMode::Sse)
            _subscribers.push_back(std::make_unique<SseSubscriber>(_loop, _subscribeTarget, _recorder,
                                                                   _census, _options.events));
        else
            _subscribers.push_back(std::make_unique<PollSubscriber>(
                _loop, _subscribeTarget, _recorder, _census, _options.events, *_pollProtocol, _pollCounters));
    }
}

void BenchRun::rampUp()
{
    // Keep only a bounded number of handshakes in flight: a burst of thousands
    // of SYNs overflows the server's listen backlog and turns into one-second
    // SYN retransmits that would dominate the ramp-up time.
    const int64_t started = monotonicMicros();
    const size_t total = _subscribers.size();
    size_t nextToStart = 0;
    size_t settledBefore = 0;
    int64_t lastProgress = started;
    for (;;)
    {
        while (nextToStart < total &&
               _census.count(SubscriberPhase::Connecting) < static_cast<size_t>(_options.connectBatch))
            _subscribers[nextToStart++]->start();
        const size_t settled =
            total - _census.count(SubscriberPhase::Idle) - _census.count(SubscriberPhase::Connecting);
        const int64_t now = monotonicMicros();
        if (settled != settledBefore)
        {
            settledBefore = settled;
            lastProgress = now;
        }
        if (settled == total || now - lastProgress > kRampStallMicros || pastDeadline())
            break;
        _loop.runOnce(kLoopTickMillis);
    }
    // Stragglers would subscribe in the middle of the measurement and count
    // as missing events they never had a chance to see.
    for (auto& subscriber : _subscribers)
    {
        if (subscriber->phase() == SubscriberPhase::Connecting)
            subscriber->stop();
    }
    _result.rampSeconds = static_cast<double>(monotonicMicros() - started) / 1e6;
    _result.connected = _census.count(SubscriberPhase::Ready) + _census.count(SubscriberPhase::Lost);
    _result.hitDurationLimit = pastDeadline();
}

void BenchRun::runLoopFor(double seconds)
{
    const int64_t until = std::min(monotonicMicros() + secondsToMicros(seconds), _deadlineMicros);
    while (monotonicMicros() < until)
        _loop.runOnce(kLoopTickMillis);
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
    Publisher publisher(_publishTarget, plan);

    const PollCounters pollBefore = _pollCounters;
    PollCounters pollAtLastDelivery = pollBefore;
    uint64_t deliveriesSeen = 0;
    bool draining = false;
    int64_t lastProgress = 0;
    getloadavg(&_result.loadAverage, 1);
    const int64_t wallAtStart = monotonicMicros();
    const int64_t cpuAtStart = processCpuMicros();
    publisher.start();
    for (;;)
    {
        _loop.runOnce(kLoopTickMillis);
        const int64_t now = monotonicMicros();
        if (_recorder.deliveries() != deliveriesSeen)
        {
            deliveriesSeen = _recorder.deliveries();
            pollAtLastDelivery = _pollCounters;
            lastProgress = now;
        }
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
    if (wallUsed > 0)
        _result.benchCpuPercent =
            100.0 * static_cast<double>(processCpuMicros() - cpuAtStart) / static_cast<double>(wallUsed);

    PollCounters pollDuringRun = _pollCounters;
    pollDuringRun.cycles = pollAtLastDelivery.cycles; // idle timeouts after the last event do not count
    recordRates(publisher, pollBefore, pollDuringRun);
    tallyDeliveries(publisher.published());
}

void BenchRun::recordRates(const Publisher& publisher, const PollCounters& pollBefore,
                           const PollCounters& pollAfter)
{
    _result.eventsPublished = publisher.publishedCount();
    _result.publishFailures = publisher.failures();
    _result.lastPublishError = publisher.lastError();
    _result.achievedPublishRate = publisher.sendRate();
    _result.latePublishes = publisher.latePublishes();
    const int64_t firstPublish = publisher.firstPublishRealtimeMicros();

    _result.poll.cycles = pollAfter.cycles - pollBefore.cycles;
    _result.poll.truncatedResponses = pollAfter.truncatedResponses - pollBefore.truncatedResponses;
    _result.poll.errors = pollAfter.errors - pollBefore.errors;
    _result.poll.reconnects = pollAfter.reconnects - pollBefore.reconnects;

    const uint64_t deliveries = _recorder.deliveries();
    if (deliveries == 0)
        return;
    _result.activeSeconds = static_cast<double>(_recorder.lastDeliveryRealtimeMicros() - firstPublish) / 1e6;
    if (_result.activeSeconds > 0)
    {
        _result.deliveriesPerSecond = static_cast<double>(deliveries) / _result.activeSeconds;
        _result.pollCyclesPerSecond = static_cast<double>(_result.poll.cycles) / _result.activeSeconds;
    }
}

void BenchRun::tallyDeliveries(const SequenceSet& published)
{
    _result.deliveries = _recorder.deliveries();
    _result.duplicates = _recorder.duplicates();
    _result.foreignEvents = _recorder.foreignEvents();
    _result.expectedDeliveries = _result.connected * _result.eventsPublished;
    for (const auto& subscriber : _subscribers)
    {
        if (subscriber->phase() == SubscriberPhase::Ready || subscriber->phase() == SubscriberPhase::Lost)
            _result.missed += subscriber->received().countMissingFrom(published);
    }
    const LatencyHistogram& latency = _recorder.latency();
    _result.p50Micros = latency.quantileMicros(0.50);
    _result.p99Micros = latency.quantileMicros(0.99);
    _result.maxMicros = latency.maxMicros();
}

void BenchRun::sampleServerMemory(std::optional<int64_t>& into) const
{
    if (_options.serverPid > 0)
        into = readResidentSetKilobytes(_options.serverPid);
}

bool BenchRun::pastDeadline() const
{
    return monotonicMicros() >= _deadlineMicros;
}

} // namespace feedhub::bench
