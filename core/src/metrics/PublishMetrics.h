//
// PublishMetrics.h
//
// Definition of the PublishMetrics class.
//

#ifndef feedhub_PublishMetrics_INCLUDED
#define feedhub_PublishMetrics_INCLUDED

#include "Poco/Clock.h"
#include "bus/PublishResult.h"
#include "metrics/LatencyHistogram.h"
#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace feedhub
{

class PublishMetrics
    /// Events published by outcome, and how long publishes took to be stored,
    /// counted by every publisher (POST /publish, WebSocket publishes, feeds).
    ///
    /// They count on loops, on the journal's thread (which answers a stored
    /// batch) and on feeds' threads: relaxed atomic additions, no lock. A
    /// publish is one per batch, not per subscriber, so they share one.
{
public:
    enum class Outcome
    {
        ACCEPTED, /// stored and answered (201)
        REFUSED,  /// refused before anything was stored: bad input, auth, limits
        FAILED    /// could not be stored (the journal's error: 503)
    };
    static constexpr std::size_t OUTCOMES = 3;
    static const std::string& name(Outcome outcome);
        /// The outcome label: "accepted", "refused", "failed".

    void refused();
        /// Counts a refused publish request once, whatever it held.

    void finished(const PublishResult& result, const Poco::Clock& started);
        /// Counts a batch stored (each event accepted, its latency since
        /// started observed) or not (failed, once). Any thread.

    std::uint64_t events(Outcome outcome) const;
    const LatencyHistogram& latency() const { return _latency; }

private:
    std::array<std::atomic<std::uint64_t>, OUTCOMES> _events{};
    LatencyHistogram _latency;
};

} // namespace feedhub

#endif // feedhub_PublishMetrics_INCLUDED
