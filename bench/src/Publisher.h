#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "HttpTarget.h"
#include "SequenceSet.h"

namespace feedhub::bench
{

enum class PublishFormat
{
    HubJson, // feedhub: {"topic":T,"type":"tick","data":PAYLOAD}
    RawBody  // Nchan: the payload itself is the message
};

struct PublishPlan
{
    uint64_t events = 0;
    double eventsPerSecond = 0; // 0: back to back, as fast as the server accepts
    size_t payloadBytes = 0;
    uint64_t runId = 0;
    std::string topic;
    PublishFormat format = PublishFormat::HubJson;
};

// Publishes the run's events from its own thread over one keep-alive
// connection, so pacing and the blocking POST round trips never stall the
// subscriber event loop.
class Publisher
{
public:
    Publisher(const HttpTarget& target, PublishPlan plan);
    ~Publisher();
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    void start();
    void requestStop() { _stopRequested = true; }
    void join();

    bool finished() const { return _finished; }
    uint64_t publishedCount() const { return _publishedCount; }
    // CLOCK_REALTIME of the first publish attempt; 0 before it.
    int64_t firstPublishRealtimeMicros() const { return _firstPublishMicros; }

    // Only valid after join().
    const SequenceSet& published() const { return _published; }
    uint64_t failures() const { return _failures; }
    const std::string& lastError() const { return _lastError; }
    // CLOCK_REALTIME when the last successful publish was acknowledged.
    int64_t lastAcknowledgedRealtimeMicros() const { return _lastAcknowledgedMicros; }

private:
    void run();
    std::string requestBody(uint64_t sequence) const;

    const HttpTarget& _target;
    const PublishPlan _plan;
    std::thread _thread;
    std::atomic<bool> _stopRequested{false};
    std::atomic<bool> _finished{false};
    std::atomic<uint64_t> _publishedCount{0};
    std::atomic<int64_t> _firstPublishMicros{0};
    SequenceSet _published;
    uint64_t _failures = 0;
    std::string _lastError;
    int64_t _lastAcknowledgedMicros = 0;
};

} // namespace feedhub::bench
