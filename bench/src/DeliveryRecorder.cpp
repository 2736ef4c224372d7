#include "DeliveryRecorder.h"

#include "BenchPayload.h"
#include "Clock.h"

namespace feedhub::bench
{

DeliveryRecorder::DeliveryRecorder(uint64_t runId) : _runId(runId) {}

void DeliveryRecorder::record(SequenceSet& receivedBySubscriber, std::string_view eventData)
{
    BenchPayload payload;
    if (!parseBenchPayload(eventData, payload) || payload.runId != _runId ||
        payload.sequence >= receivedBySubscriber.capacity())
    {
        ++_foreignEvents;
        return;
    }
    if (!receivedBySubscriber.insert(payload.sequence))
    {
        ++_duplicates;
        return;
    }
    const int64_t now = realtimeMicros();
    // Single writer, so a plain load and store: no locked read-modify-write.
    _deliveries.store(_deliveries.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    _lastDeliveryRealtimeMicros = now;
    _latency.record(now - payload.sentMicros);
}

} // namespace feedhub::bench
