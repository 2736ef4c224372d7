#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "HttpTarget.h"
#include "SequenceSet.h"

namespace Poco::Net
{
class HTTPClientSession;
}

namespace feedhub::bench
{

enum class PublishFormat
{
    HubJson, // feedhub: {"topic":T,"type":"tick","data":PAYLOAD}
    RawBody, // Nchan: the payload itself is the message
    Chat     // the chat feed's POST /api/chat/<room>: {"user":"bench-poster","text":"PAYLOAD"}
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

// Publishes the run's events from threads of its own, so pacing and the
// blocking POST round trips never stall the subscriber event loop.
//
// Paced (eventsPerSecond > 0), it is open loop: event s is sent at
// start + s / rate whether or not earlier publishes have been answered, from a
// small pool of keep-alive connections. A server that answers a publish only
// after its fan-out (Nchan) is thus published to at the same rate as one that
// answers at once, and a slow answer shows as latency, not as a lower rate.
// Back to back (eventsPerSecond == 0), one connection sends each event as soon
// as the previous one is answered: the server's acknowledgements set the pace.
// With several targets (the nodes of a cluster) connection i posts to target
// i % size, so paced events spread over the nodes; back to back, the first
// target takes them all.
class Publisher
{
public:
    Publisher(std::vector<HttpTarget> targets, PublishPlan plan);
        /// targets must not be empty.
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
    // Publishes sent, answered or not, and the rate at which they were sent
    // (first send to last send); 0 with fewer than two.
    uint64_t sentCount() const { return _sentCount; }
    double sendRate() const;
    // Paced publishes sent more than kLateMicros after their due time: the
    // publisher, not the plan, set their pace.
    uint64_t latePublishes() const { return _latePublishes; }

    static constexpr int64_t kLateMicros = 10 * 1000;

private:
    void runConnection(const HttpTarget& target);
    bool sleepUntil(int64_t dueMonotonicMicros) const;
    void publishOne(Poco::Net::HTTPClientSession& session, const std::string& path, uint64_t sequence);
    std::string requestBody(uint64_t sequence) const;
    void recordSend(int64_t sentMonotonicMicros);
    void recordFailure(std::string error);

    const std::vector<HttpTarget> _targets;
    const PublishPlan _plan;
    std::vector<std::thread> _threads;
    int64_t _pacingStartMicros = 0; // monotonic
    std::atomic<uint64_t> _nextSequence{0};
    std::atomic<size_t> _running{0};
    std::atomic<bool> _stopRequested{false};
    std::atomic<bool> _finished{false};
    std::atomic<uint64_t> _publishedCount{0};
    std::atomic<int64_t> _firstPublishMicros{0};
    std::atomic<uint64_t> _sentCount{0};
    std::atomic<uint64_t> _latePublishes{0};
    std::atomic<int64_t> _firstSendMicros{0}; // monotonic
    std::atomic<int64_t> _lastSendMicros{0};  // monotonic

    // Written by every connection thread; a publish takes a lock held for a
    // few instructions, nothing next to a loopback round trip.
    std::mutex _mutex;
    SequenceSet _published;
    uint64_t _failures = 0;
    std::string _lastError;
    int64_t _lastAcknowledgedMicros = 0;
};

} // namespace feedhub::bench
