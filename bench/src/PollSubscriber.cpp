#include "PollSubscriber.h"

#include <cerrno>
#include <cstring>

namespace feedhub::bench
{

namespace
{

// Enough to ride out a server restarting a connection or shedding load for a
// moment, small enough that a broken server cannot make clients spin.
constexpr int kMaxFailuresInARow = 5;

} // namespace

PollSubscriber::PollSubscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                               SubscriberCensus& census, uint64_t eventCapacity, const PollProtocol& protocol,
                               PollCounters& counters)
    : Subscriber(loop, target, recorder, census, eventCapacity), _protocol(protocol), _counters(counters)
{
}

std::string PollSubscriber::subscribeRequest() const
{
    return _protocol.buildRequest(target(), _cursor);
}

void PollSubscriber::onConnected()
{
    if (phase() == SubscriberPhase::Connecting && _protocol.firstPollWaitsForEvents())
        setPhase(SubscriberPhase::Ready);
}

void PollSubscriber::onResponseHead(const HttpResponseHead& head)
{
    _head = head;
    _body.clear();
}

void PollSubscriber::onResponseBody(const char* bytes, size_t length)
{
    _body.append(bytes, length);
}

void PollSubscriber::onResponseComplete()
{
    ++_counters.cycles;
    const PollOutcome outcome = _protocol.handleResponse(
        _head, _body, _cursor, [this](std::string_view data) { recordDelivery(data); });
    if (outcome == PollOutcome::Failed)
    {
        ++_counters.errors;
        if (!tolerateFailure("poll: HTTP " + std::to_string(_head.status)))
            return;
    }
    else
    {
        _failuresInARow = 0;
        if (outcome == PollOutcome::EventsTruncated)
            ++_counters.truncatedResponses;
        if (_cursor.established)
            setPhase(SubscriberPhase::Ready);
    }
    pollAgain(_head.keepAlive);
}

void PollSubscriber::onConnectionLost(const std::string& reason)
{
    if (phase() == SubscriberPhase::Connecting && !_cursor.established)
    {
        retryOrFail(reason);
        return;
    }
    // A keep-alive connection may be closed by the server at any time, even
    // with our next poll already on the wire: that poll is safe to repeat.
    ++_counters.errors;
    if (tolerateFailure(reason))
        pollAgain(false);
}

bool PollSubscriber::tolerateFailure(const std::string& reason)
{
    if (++_failuresInARow <= kMaxFailuresInARow)
        return true;
    census().noteFailure(reason);
    closeConnection();
    setPhase(phase() == SubscriberPhase::Ready ? SubscriberPhase::Lost : SubscriberPhase::Failed);
    return false;
}

void PollSubscriber::pollAgain(bool connectionReusable)
{
    if (connectionReusable && isOpen())
    {
        sendRequest(subscribeRequest());
        return;
    }
    for (;;)
    {
        ++_counters.reconnects;
        if (reconnect())
            return;
        ++_counters.errors;
        if (!tolerateFailure(std::string("reconnect: ") + std::strerror(errno)))
            return;
    }
}

} // namespace feedhub::bench
