#include "BenchShard.h"

#include <algorithm>

#include "Clock.h"
#include "HubPollProtocol.h"
#include "NchanPollProtocol.h"
#include "SseSubscriber.h"
#include "WebSocketSubscriber.h"

namespace feedhub::bench
{

namespace
{

// The ramp-up gives up when no subscriber got anywhere for this long.
constexpr int64_t kRampStallMicros = 15 * 1000000;
constexpr int kLoopTickMillis = 10;
constexpr size_t kStormConnectsPerPoll = 256;

} // namespace

BenchShard::BenchShard(const BenchOptions& options, const std::vector<HttpTarget>& subscribeTargets,
                       size_t firstSubscriber, uint64_t runId, size_t subscribers, size_t connectBatch)
    : _connectBatch(options.connectStorm ? subscribers : connectBatch),
      _stormWaitMicros(options.connectStorm ? static_cast<int64_t>(options.stormWaitSeconds * 1e6) : 0),
      _recorder(runId)
{
    if (options.mode == SubscribeMode::Poll)
    {
        if (options.pollProtocol == PollProtocolKind::Nchan)
            _pollProtocol = std::make_unique<NchanPollProtocol>();
        else
            _pollProtocol = std::make_unique<HubPollProtocol>(options.pollTimeoutSeconds);
    }
    createSubscribers(options, subscribeTargets, firstSubscriber, subscribers);
}

// Subscribers unregister their sockets from the loop, so they go first.
BenchShard::~BenchShard()
{
    _subscribers.clear();
}

void BenchShard::createSubscribers(const BenchOptions& options, const std::vector<HttpTarget>& subscribeTargets,
                                   size_t firstSubscriber, size_t count)
{
    _subscribers.reserve(count);
    for (size_t i = 0; i < count; ++i)
    {
        const HttpTarget& subscribeTarget = subscribeTargets[(firstSubscriber + i) % subscribeTargets.size()];
        if (options.mode == SubscribeMode::Sse)
            _subscribers.push_back(
                std::make_unique<SseSubscriber>(_loop, subscribeTarget, _recorder, _census, options.events));
        else if (options.mode == SubscribeMode::WebSocket)
            _subscribers.push_back(std::make_unique<WebSocketSubscriber>(_loop, subscribeTarget, _recorder, _census,
                                                                         options.events, options.webSocketProtocol,
                                                                         options.topic));
        else
            _subscribers.push_back(std::make_unique<PollSubscriber>(
                _loop, subscribeTarget, _recorder, _census, options.events, *_pollProtocol, _pollCounters));
        // A retry would hide the refusal a browser saw on its first try.
        if (options.connectStorm)
            _subscribers.back()->limitConnectAttempts(1);
    }
}

void BenchShard::rampUp(int64_t deadlineMicros)
{
    // Keep only a bounded number of handshakes in flight: a burst of thousands
    // of SYNs overflows the server's listen backlog and turns into one-second
    // SYN retransmits that would dominate the ramp-up time. A connect storm is
    // that burst on purpose, so it waits a fixed time, not for progress.
    const size_t total = _subscribers.size();
    size_t nextToStart = 0;
    size_t settledBefore = 0;
    int64_t lastProgress = monotonicMicros();
    const int64_t giveUp =
        _stormWaitMicros > 0 ? std::min(deadlineMicros, lastProgress + _stormWaitMicros) : deadlineMicros;
    for (;;)
    {
        while (nextToStart < total && _census.count(SubscriberPhase::Connecting) < _connectBatch)
        {
            _subscribers[nextToStart++]->start();
            // A storm serves what has come back between its connects without
            // waiting for anything, so an answer is taken when it arrives, not
            // after the last connect is issued.
            if (_stormWaitMicros > 0 && nextToStart % kStormConnectsPerPoll == 0)
                _loop.runOnce(0);
        }
        const size_t settled =
            total - _census.count(SubscriberPhase::Idle) - _census.count(SubscriberPhase::Connecting);
        const int64_t now = monotonicMicros();
        if (settled != settledBefore)
        {
            settledBefore = settled;
            lastProgress = now;
        }
        const bool stalled = _stormWaitMicros == 0 && now - lastProgress > kRampStallMicros;
        if (settled == total || stalled || now >= giveUp)
            break;
        _loop.runOnce(kLoopTickMillis);
    }
    // Stragglers would subscribe in the middle of the measurement and count
    // as missing events they never had a chance to see.
    for (auto& subscriber : _subscribers)
    {
        if (subscriber->phase() == SubscriberPhase::Connecting)
        {
            subscriber->abandonFirstAttempt();
            subscriber->stop();
        }
    }
    _connected = _census.count(SubscriberPhase::Ready) + _census.count(SubscriberPhase::Lost);
}

void BenchShard::tick()
{
    _loop.runOnce(kLoopTickMillis);
    if (!_measuring)
        return;
    const uint64_t deliveries = _recorder.deliveries();
    if (deliveries != _deliveriesSeen)
    {
        _deliveriesSeen = deliveries;
        _lastDeliveryTick = monotonicMicros();
        _cycleTrail.clear();
        _cycleTrail.emplace_back(_lastDeliveryTick, _pollCounters.cycles);
    }
    else if (_pollCounters.cycles != (_cycleTrail.empty() ? _pollAtStart.cycles : _cycleTrail.back().second))
    {
        _cycleTrail.emplace_back(monotonicMicros(), _pollCounters.cycles);
    }
}

void BenchShard::startMeasuring()
{
    _pollAtStart = _pollCounters;
    _deliveriesSeen = _recorder.deliveries();
    _measuring = true;
}

void BenchShard::stopSubscribers()
{
    for (auto& subscriber : _subscribers)
        subscriber->stop();
}

PollCounters BenchShard::pollCountersUpTo(int64_t untilMicros) const
{
    PollCounters counted;
    counted.cycles = _pollAtStart.cycles;
    for (const auto& [tickMicros, cycles] : _cycleTrail)
    {
        // A tick in the same microsecond as the run's last delivery came
        // after it only if it is not that delivery's own tick.
        if (tickMicros < untilMicros || (tickMicros == untilMicros && tickMicros == _lastDeliveryTick))
            counted.cycles = cycles;
    }
    counted.cycles -= _pollAtStart.cycles;
    counted.truncatedResponses = _pollCounters.truncatedResponses - _pollAtStart.truncatedResponses;
    counted.errors = _pollCounters.errors - _pollAtStart.errors;
    counted.reconnects = _pollCounters.reconnects - _pollAtStart.reconnects;
    return counted;
}

uint64_t BenchShard::missedFrom(const SequenceSet& published) const
{
    uint64_t missed = 0;
    for (const auto& subscriber : _subscribers)
    {
        if (subscriber->phase() == SubscriberPhase::Ready || subscriber->phase() == SubscriberPhase::Lost)
            missed += subscriber->received().countMissingFrom(published);
    }
    return missed;
}

} // namespace feedhub::bench
