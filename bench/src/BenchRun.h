#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "BenchOptions.h"
#include "DeliveryRecorder.h"
#include "EventLoop.h"
#include "HttpTarget.h"
#include "PollProtocol.h"
#include "PollSubscriber.h"
#include "Publisher.h"
#include "Subscriber.h"

namespace feedhub::bench
{

struct BenchResult
{
    size_t subscribersRequested = 0;
    size_t connected = 0;       // reached the subscribed state
    size_t lostConnections = 0; // subscribed, then dropped for good
    std::string lastFailure;
    double rampSeconds = 0;

    uint64_t eventsPublished = 0;
    uint64_t publishFailures = 0;
    // Rate the publishes were sent at, first send to last. Paced runs send
    // open loop, so this stays at --rate unless the publisher itself fell
    // behind, which latePublishes then counts (sent > 10 ms after due).
    // Back to back, each send waits for the previous answer.
    double achievedPublishRate = 0;
    uint64_t latePublishes = 0;
    std::string lastPublishError;

    uint64_t deliveries = 0;
    uint64_t expectedDeliveries = 0;
    uint64_t missed = 0;
    uint64_t duplicates = 0;
    uint64_t foreignEvents = 0;
    double activeSeconds = 0; // first publish to last delivery
    double deliveriesPerSecond = 0;
    int64_t p50Micros = 0;
    int64_t p99Micros = 0;
    int64_t maxMicros = 0;

    std::optional<int64_t> rssBaselineKb;
    std::optional<int64_t> rssIdleKb;
    std::optional<int64_t> rssEndKb;

    // Share of one core the tool itself used while publishing and draining:
    // near 100 means the load generator, not the server, set the pace.
    double benchCpuPercent = 0;

    PollCounters poll; // over the active window only
    double pollCyclesPerSecond = 0;
    bool hitDurationLimit = false;
    // One-minute load average when publishing started: on a shared 2-core
    // machine, anything well above 1 means other work skewed the latencies.
    double loadAverage = 0;
};

// One benchmark run: ramp the subscribers up, let them idle, publish, drain,
// then account for every event at every subscriber.
class BenchRun
{
public:
    explicit BenchRun(const BenchOptions& options);
    ~BenchRun();

    BenchResult execute();

private:
    void createSubscribers();
    void rampUp();
    void runLoopFor(double seconds);
    void publishAndDrain();
    void recordRates(const Publisher& publisher, const PollCounters& pollBefore,
                     const PollCounters& pollAfter);
    void tallyDeliveries(const SequenceSet& published);
    void sampleServerMemory(std::optional<int64_t>& into) const;
    bool pastDeadline() const;

    const BenchOptions& _options;
    const uint64_t _runId;
    const int64_t _deadlineMicros; // monotonic
    const HttpTarget _subscribeTarget;
    const HttpTarget _publishTarget;
    EventLoop _loop;
    DeliveryRecorder _recorder;
    SubscriberCensus _census;
    PollCounters _pollCounters;
    std::unique_ptr<PollProtocol> _pollProtocol;
    std::vector<std::unique_ptr<Subscriber>> _subscribers;
    BenchResult _result;
};

} // namespace feedhub::bench
