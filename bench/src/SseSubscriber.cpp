#include "SseSubscriber.h"

namespace feedhub::bench
{

SseSubscriber::SseSubscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                             SubscriberCensus& census, uint64_t eventCapacity)
    : Subscriber(loop, target, recorder, census, eventCapacity),
      _parser([this](std::string_view data) { recordDelivery(data); })
{
}

std::string SseSubscriber::subscribeRequest() const
{
    // Nchan only serves EventSource to requests that accept text/event-stream.
    return "GET " + target().pathAndQuery + " HTTP/1.1\r\nHost: " + target().hostHeader() +
           "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\nUser-Agent: feedhub-bench\r\n\r\n";
}

void SseSubscriber::onResponseHead(const HttpResponseHead& head)
{
    const ConnectOutcome outcome = ConnectOutcomes::classifyHead(head);
    settleFirstAttempt(outcome, head.status);
    _streaming = outcome == ConnectOutcome::Served;
    _rejectedStatus = _streaming ? 0 : head.status;
    if (_streaming)
        setPhase(SubscriberPhase::Ready);
}

void SseSubscriber::onResponseBody(const char* bytes, size_t length)
{
    if (_streaming)
        _parser.feed(bytes, length);
}

void SseSubscriber::onResponseComplete()
{
    closeConnection();
    if (phase() == SubscriberPhase::Ready)
    {
        census().noteFailure("event stream closed by the server");
        setPhase(SubscriberPhase::Lost);
    }
    else
        retryOrFail("subscribe: HTTP " + std::to_string(_rejectedStatus));
}

void SseSubscriber::onConnectionLost(const std::string& reason)
{
    if (phase() == SubscriberPhase::Ready)
    {
        census().noteFailure(reason);
        setPhase(SubscriberPhase::Lost);
    }
    else
    {
        settleFirstAttempt(ConnectOutcomes::classifyClose(handshakeCompleted()), 0);
        retryOrFail(reason);
    }
}

} // namespace feedhub::bench
