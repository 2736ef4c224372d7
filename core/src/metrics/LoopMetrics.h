//
// LoopMetrics.h
//
// Definition of the LoopMetrics class.
//

#ifndef feedhub_LoopMetrics_INCLUDED
#define feedhub_LoopMetrics_INCLUDED

#include "loop/Outbox.h"
#include "metrics/LatencyHistogram.h"
#include "metrics/OwnedCounter.h"
#include <array>
#include <string>

namespace feedhub
{

class LoopMetrics
    /// What one event loop counts: its thread alone writes these (relaxed
    /// atomics, no lock on the per-event path), and /metrics sums every
    /// loop's when it is read (HubMetrics).
{
public:
    enum class Transport
        /// What a connection is now.
    {
        HTTP,     /// requests and kept-alive connections between them
        POLL,     /// a long poll waiting for its answer
        SSE,      /// an event stream
        WEBSOCKET /// a WebSocket client
    };
    static constexpr std::size_t TRANSPORTS = 4;
    static const std::array<Transport, TRANSPORTS>& transports();
    static const std::string& name(Transport transport);
        /// The transport label: "http", "poll", "sse", "websocket".

    struct PerTransport
    {
        OwnedCounter connections;
            /// Open now.
        OwnedCounter delivered;
            /// Events queued to subscribers (a long poll: answers with events).
        OwnedCounter slowDisconnects;
            /// Subscribers disconnected for being too far behind.
        Outbox::Meter outbox;
            /// Bytes written and bytes owed.
    };

    static constexpr int LOWEST_REFUSAL = 400;
    static constexpr int HIGHEST_REFUSAL = 599;

    PerTransport& of(Transport transport) { return _transports[static_cast<std::size_t>(transport)]; }
    const PerTransport& of(Transport transport) const
    {
        return _transports[static_cast<std::size_t>(transport)];
    }

    void refused(int status);
        /// Counts an answer with an error status (400 to 599; others are ignored).
    std::int64_t refusals(int status) const;

    OwnedCounter& subscriptions() { return _subscriptions; }
    const OwnedCounter& subscriptions() const { return _subscriptions; }
        /// Topics watched, one per connection and topic.
    LatencyHistogram& lag() { return _lag; }
    const LatencyHistogram& lag() const { return _lag; }
        /// How long work handed to the loop (events, answers, new
        /// connections) waited before the loop took it.
    LatencyHistogram& fanOut() { return _fanOut; }
    const LatencyHistogram& fanOut() const { return _fanOut; }
        /// From an event's publish to the loop's last socket write of it.

private:
    std::array<PerTransport, TRANSPORTS> _transports;
    std::array<OwnedCounter, HIGHEST_REFUSAL - LOWEST_REFUSAL + 1> _refusals;
    OwnedCounter _subscriptions;
    LatencyHistogram _lag;
    LatencyHistogram _fanOut;
};

} // namespace feedhub

#endif // feedhub_LoopMetrics_INCLUDED
