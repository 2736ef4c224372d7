#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "LatencyHistogram.h"
#include "SequenceSet.h"

namespace feedhub::bench
{

// Books every event data received by any subscriber of one event loop: checks that it
// belongs to this run, marks it in the subscriber's own SequenceSet, and
// records its latency. Each event loop thread has its own recorder; only
// deliveries() may be read from another thread while the loop runs.
class DeliveryRecorder
{
public:
    explicit DeliveryRecorder(uint64_t runId);

    void record(SequenceSet& receivedBySubscriber, std::string_view eventData);

    uint64_t deliveries() const { return _deliveries.load(std::memory_order_relaxed); }
    uint64_t duplicates() const { return _duplicates; }
    // Events not published by this run (e.g. left over in the server's
    // buffer from an earlier run, or published by someone else).
    uint64_t foreignEvents() const { return _foreignEvents; }
    int64_t lastDeliveryRealtimeMicros() const { return _lastDeliveryRealtimeMicros; }
    const LatencyHistogram& latency() const { return _latency; }

private:
    uint64_t _runId;
    std::atomic<uint64_t> _deliveries{0}; // one writer: the loop's thread
    uint64_t _duplicates = 0;
    uint64_t _foreignEvents = 0;
    int64_t _lastDeliveryRealtimeMicros = 0;
    LatencyHistogram _latency;
};

} // namespace feedhub::bench
