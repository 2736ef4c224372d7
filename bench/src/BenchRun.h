#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <time.h>

#include "BenchOptions.h"
#include "BenchShard.h"
#include "ConnectOutcomes.h"
#include "HttpTarget.h"
#include "MemberJoiner.h"
#include "PollSubscriber.h"
#include "Publisher.h"
#include "ShardWorkers.h"

namespace feedhub::bench
{

struct BenchResult
{
    size_t subscribersRequested = 0;
    size_t connected = 0;       // reached the subscribed state
    size_t lostConnections = 0; // subscribed, then dropped for good
    std::string lastFailure;
    double rampSeconds = 0;
    JoinResult joins; // with --join-url, before the ramp-up
    ConnectOutcomes outcomes;
        /// How each subscriber's first attempt ended, over every shard: the
        /// connect storm's figures.

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
    std::optional<int64_t> serverCpuMicros;
        /// The server's CPU time (/proc/PID/stat, all its threads) from the
        /// first publish to the end of the drain; empty without --server-pid.

    // Share of one core the tool itself used while publishing and draining,
    // all its threads together (event loops and publisher): with one event
    // loop, near 100 means the load generator, not the server, set the pace.
    // With several loops it may exceed 100; then loopCpuMaxPercent, the
    // busiest loop thread's share of one core, near 100 says the same.
    double benchCpuPercent = 0;
    double loopCpuMaxPercent = 0;
    size_t threads = 1; // event loop threads the subscribers were split over

    PollCounters poll; // over the active window only
    double pollCyclesPerSecond = 0;
    bool hitDurationLimit = false;
    // One-minute load average when publishing started: on a shared 2-core
    // machine, anything well above 1 means other work skewed the latencies.
    double loadAverage = 0;
};

// One benchmark run: ramp the subscribers up, let them idle, publish, drain,
// then account for every event at every subscriber. The subscribers are split
// over --threads shards, each with its own event loop: the first runs on the
// calling thread, which also paces the run, the others on threads of their
// own. Their tallies are merged as if one loop had served every subscriber.
class BenchRun
{
public:
    explicit BenchRun(const BenchOptions& options);
    ~BenchRun();

    BenchResult execute();

private:
    void joinMembers();
    void createShards();
    void rampUp();
    void runLoopFor(double seconds);
    void publishAndDrain();
    void recordCpu(int64_t wallUsed, int64_t processCpuUsed, const std::vector<int64_t>& loopCpuUsed);
    void recordRates(const Publisher& publisher);
    void tallyDeliveries(const SequenceSet& published);
    void sampleServerMemory(std::optional<int64_t>& into) const;
    std::optional<int64_t> sampleServerCpu() const;
    bool pastDeadline() const;
    // CPU-time clock of each shard's thread, the calling thread's first.
    std::vector<clockid_t> loopCpuClocks();
    uint64_t totalDeliveries() const;

    const BenchOptions& _options;
    const uint64_t _runId;
    const int64_t _deadlineMicros; // monotonic
    const std::vector<HttpTarget> _subscribeTargets; // subscriber i connects to i % size()
    const std::vector<HttpTarget> _publishTargets; // paced connection i posts to i % size()
    std::vector<std::unique_ptr<BenchShard>> _shards; // the first runs on the calling thread
    ShardWorkers _workers;                            // the others
    BenchResult _result;
};

} // namespace feedhub::bench
