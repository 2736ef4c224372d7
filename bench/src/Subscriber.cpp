#include "Subscriber.h"

#include <cerrno>
#include <cstring>

#include "Clock.h"

namespace feedhub::bench
{

namespace
{

// A refused or reset connect during a big ramp-up is usually a full listen
// backlog; a couple of retries separate that from a server that is down.
constexpr int kDefaultConnectAttempts = 3;

} // namespace

void SubscriberCensus::enroll()
{
    ++_counts[static_cast<size_t>(SubscriberPhase::Idle)];
    _outcomes.enroll();
}

void SubscriberCensus::move(SubscriberPhase from, SubscriberPhase to)
{
    --_counts[static_cast<size_t>(from)];
    ++_counts[static_cast<size_t>(to)];
}

void SubscriberCensus::noteFailure(std::string_view reason)
{
    _lastFailure.assign(reason.data(), reason.size());
    _lastFailureMicros = monotonicMicros();
}

Subscriber::Subscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                       SubscriberCensus& census, uint64_t eventCapacity)
    : HttpClientConnection(loop, target), _recorder(recorder), _census(census), _received(eventCapacity),
      _maxConnectAttempts(kDefaultConnectAttempts)
{
    _census.enroll();
}

void Subscriber::start()
{
    setPhase(SubscriberPhase::Connecting);
    _census.outcomes().noteAttempt(monotonicMicros());
    retryOrFail({});
}

void Subscriber::abandonFirstAttempt()
{
    if (!_firstAttemptSettled && !handshakeCompleted())
        _census.outcomes().noteUnansweredWithoutHandshake();
    _firstAttemptSettled = true;
}

void Subscriber::settleFirstAttempt(ConnectOutcome outcome, int status)
{
    if (_firstAttemptSettled)
        return;
    _firstAttemptSettled = true;
    _census.outcomes().settle(outcome, status, monotonicMicros());
}

void Subscriber::setPhase(SubscriberPhase phase)
{
    if (phase == _phase)
        return;
    _census.move(_phase, phase);
    _phase = phase;
}

void Subscriber::retryOrFail(std::string_view reason)
{
    if (!reason.empty())
        _census.noteFailure(reason);
    while (_connectAttempts < _maxConnectAttempts)
    {
        ++_connectAttempts;
        if (reconnect())
            return;
        _census.noteFailure(std::string("connect: ") + std::strerror(errno));
        // The socket could not even be set up: no response and no handshake.
        settleFirstAttempt(ConnectOutcome::ConnectFailed, 0);
    }
    closeConnection();
    setPhase(SubscriberPhase::Failed);
}

bool Subscriber::reconnect()
{
    if (!openConnection())
        return false;
    sendRequest(subscribeRequest());
    return true;
}

} // namespace feedhub::bench
