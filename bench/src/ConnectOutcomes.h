#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>

#include "HttpResponseReader.h"

namespace feedhub::bench
{

enum class ConnectOutcome
    /// How a subscriber's first connection attempt ended, as a browser would
    /// see it: a stream, an HTTP refusal, a connection dropped without a word,
    /// or nothing at all by the end of the wait.
{
    Pending,               /// no outcome yet (never answered, once the wait is over)
    Served,                /// 200 with the event-stream head
    RefusedWithStatus,     /// any other response head (503, 429, a 200 that is no stream, ...)
    ClosedWithoutResponse, /// connected, then closed or reset before any response head
    ConnectFailed          /// the TCP connect itself failed (refused, reset, timed out)
};

class ConnectOutcomes
    /// Tally of first-attempt outcomes for the subscribers of one event loop,
    /// with the time of the first attempt and of the last subscriber served:
    /// what the --connect-storm figure reports. Merged across loops.
{
public:
    static ConnectOutcome classifyHead(const HttpResponseHead& head);
        /// Served for a 200 that opens an event stream, else RefusedWithStatus.

    static ConnectOutcome classifyClose(bool handshakeCompleted);
        /// A connection that ended before any response head: after the TCP
        /// handshake it was closed without a response, before it the connect failed.

    void enroll();
        /// One more subscriber, its outcome Pending.

    void noteAttempt(int64_t monotonicMicros);
        /// A subscriber started connecting; the first of them starts the clock,
        /// the last tells how long the connects took to issue.

    void settle(ConnectOutcome outcome, int status, int64_t monotonicMicros);
        /// A Pending subscriber got its outcome; status is the response's
        /// (0 if none), counted per code for refusals.

    void noteUnansweredWithoutHandshake();
        /// A subscriber still Pending at the end of the wait whose TCP
        /// handshake never completed (a subset of the Pending count).

    void merge(const ConnectOutcomes& other);

    size_t count(ConnectOutcome outcome) const { return _counts[static_cast<size_t>(outcome)]; }
    size_t pendingWithoutHandshake() const { return _pendingWithoutHandshake; }
    const std::map<int, size_t>& refusedStatuses() const { return _refusedStatuses; }
        /// Refusals by HTTP status code.

    int64_t firstAttemptMicros() const { return _firstAttemptMicros; }
        /// Monotonic; 0 before any attempt.
    int64_t lastAttemptMicros() const { return _lastAttemptMicros; }
        /// Monotonic; 0 before any attempt.
    int64_t lastServedMicros() const { return _lastServedMicros; }
        /// Monotonic; 0 if none was served.

private:
    std::array<size_t, 5> _counts{};
    size_t _pendingWithoutHandshake = 0;
    std::map<int, size_t> _refusedStatuses;
    int64_t _firstAttemptMicros = 0;
    int64_t _lastAttemptMicros = 0;
    int64_t _lastServedMicros = 0;
};

} // namespace feedhub::bench
