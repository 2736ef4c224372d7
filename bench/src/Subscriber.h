#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ConnectOutcomes.h"
#include "DeliveryRecorder.h"
#include "HttpClientConnection.h"
#include "SequenceSet.h"

namespace feedhub::bench
{

enum class SubscriberPhase
{
    Idle,       // not started yet
    Connecting, // connecting or waiting for the subscription to be in place
    Ready,      // subscribed: will see every event published from now on
    Failed,     // never got subscribed, retries exhausted
    Lost        // was subscribed, then the connection broke for good
};

// How many subscribers are in each phase, kept up to date on every transition
// so the ramp-up can pace itself without scanning all subscribers.
class SubscriberCensus
{
public:
    void enroll(); // a new subscriber, in phase Idle
    void move(SubscriberPhase from, SubscriberPhase to);
    size_t count(SubscriberPhase phase) const { return _counts[static_cast<size_t>(phase)]; }
    ConnectOutcomes& outcomes() { return _outcomes; }
    const ConnectOutcomes& outcomes() const { return _outcomes; }
        /// How each subscriber's first connection attempt ended.

    // The latest failure reason, for the report, and when it happened
    // (monotonic; 0 if none), to pick the latest across event loops.
    void noteFailure(std::string_view reason);
    const std::string& lastFailure() const { return _lastFailure; }
    int64_t lastFailureMonotonicMicros() const { return _lastFailureMicros; }

private:
    std::array<size_t, 5> _counts{};
    ConnectOutcomes _outcomes;
    std::string _lastFailure;
    int64_t _lastFailureMicros = 0;
};

// Common life cycle of an SSE or long-poll subscriber: connection attempts
// with bounded retries, phase bookkeeping and delivery recording.
class Subscriber : public HttpClientConnection
{
public:
    Subscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
               SubscriberCensus& census, uint64_t eventCapacity);

    void start();
    // End of run: drop the connection without counting it as lost.
    void stop() { abortConnection(); }
    void limitConnectAttempts(int attempts) { _maxConnectAttempts = attempts; }
        /// Connection attempts before the subscriber gives up (default 3);
        /// 1 in a connect storm, so that every refusal counts as it happened.
    void abandonFirstAttempt();
        /// The wait for the ramp-up is over: a first attempt still without an
        /// outcome stays Pending (never answered), noted as such if its TCP
        /// handshake never completed.

    SubscriberPhase phase() const { return _phase; }
    const SequenceSet& received() const { return _received; }

protected:
    // The request that opens a (re)established connection.
    virtual std::string subscribeRequest() const = 0;

    void setPhase(SubscriberPhase phase);
    // A connection attempt did not lead to a subscription: try again while
    // attempts remain, else give up.
    void retryOrFail(std::string_view reason);
    // Open a fresh connection and send subscribeRequest(); false if even the
    // socket could not be set up.
    bool reconnect();
    void settleFirstAttempt(ConnectOutcome outcome, int status);
        /// Records how the first connection attempt ended; later calls (retries,
        /// later responses) change nothing.
    void recordDelivery(std::string_view eventData) { _recorder.record(_received, eventData); }
    SubscriberCensus& census() { return _census; }

private:
    DeliveryRecorder& _recorder;
    SubscriberCensus& _census;
    SequenceSet _received;
    SubscriberPhase _phase = SubscriberPhase::Idle;
    int _connectAttempts = 0;
    int _maxConnectAttempts;
    bool _firstAttemptSettled = false;
};

} // namespace feedhub::bench
