#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "BenchOptions.h"
#include "DeliveryRecorder.h"
#include "EventLoop.h"
#include "HttpTarget.h"
#include "PollProtocol.h"
#include "PollSubscriber.h"
#include "SequenceSet.h"
#include "Subscriber.h"

namespace feedhub::bench
{

// A share of the run's subscribers with everything they use on one thread: an
// event loop, a delivery recorder, a census, poll counters and a poll protocol
// (the hub's reuses one parser, so it must not be shared across threads).
// BenchRun drives one shard per --threads and merges what they recorded.
//
// Every member function runs on the shard's thread, except deliveries(),
// which any thread may read, and those marked "after the thread is done".
class BenchShard
{
public:
    BenchShard(const BenchOptions& options, const std::vector<HttpTarget>& subscribeTargets,
               size_t firstSubscriber, uint64_t runId, size_t subscribers, size_t connectBatch);
        /// The shard's subscribers are the run's firstSubscriber onwards;
        /// the run's subscriber i connects to subscribeTargets[i % size],
        /// so the targets share the run's subscribers round robin. The
        /// targets must outlive the shard.
    ~BenchShard();
    BenchShard(const BenchShard&) = delete;
    BenchShard& operator=(const BenchShard&) = delete;

    // Starts the subscribers with at most connectBatch handshakes in flight
    // until each is subscribed or has failed, no progress came for a while,
    // or the deadline passed; then stops the stragglers.
    void rampUp(int64_t deadlineMicros);
        /// In a connect storm, every subscriber is started at once with a
        /// single attempt, and the wait ends --storm-wait after the start
        /// however the connections are getting on.
    // One pass of the loop: waits up to a tick for sockets and serves them.
    void tick();
    // Publishing starts: poll counters and cycles count from here.
    void startMeasuring();
    bool measuring() const { return _measuring; }

    uint64_t deliveries() const { return _recorder.deliveries(); }
    size_t connected() const { return _connected; } // subscribed by the end of rampUp()

    // After the thread is done.
    void stopSubscribers();
    const DeliveryRecorder& recorder() const { return _recorder; }
    const SubscriberCensus& census() const { return _census; }
    // Monotonic time of the last tick that recorded a delivery while
    // measuring; 0 if none did.
    int64_t lastDeliveryTickMicros() const { return _lastDeliveryTick; }
    // Poll counters since startMeasuring(), with cycles counted only up to
    // the tick at `untilMicros` (idle timeouts after the last event of the
    // run do not count).
    PollCounters pollCountersUpTo(int64_t untilMicros) const;
    // Events in `published` missing at subscribers that were subscribed.
    uint64_t missedFrom(const SequenceSet& published) const;

private:
    void createSubscribers(const BenchOptions& options, const std::vector<HttpTarget>& subscribeTargets,
                           size_t firstSubscriber, size_t count);

    const size_t _connectBatch;
    const int64_t _stormWaitMicros; /// 0: not a connect storm
    EventLoop _loop;
    DeliveryRecorder _recorder;
    SubscriberCensus _census;
    PollCounters _pollCounters;
    std::unique_ptr<PollProtocol> _pollProtocol;
    std::vector<std::unique_ptr<Subscriber>> _subscribers;
    size_t _connected = 0;

    bool _measuring = false;
    PollCounters _pollAtStart;
    uint64_t _deliveriesSeen = 0;
    int64_t _lastDeliveryTick = 0;
    // (tick time, cycles) of the last tick with a delivery (if any), then of
    // every later tick that completed poll cycles without one: enough to
    // tell the cycles up to any time at or after this shard's last delivery.
    std::vector<std::pair<int64_t, uint64_t>> _cycleTrail;
};

} // namespace feedhub::bench
