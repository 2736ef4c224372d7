#include "DocumentFollower.h"

#include <algorithm>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "BenchPayload.h"
#include "Clock.h"

namespace feedhub::bench
{

void EditArrivals::record(uint64_t edit, int64_t sentMicros, int64_t nowMicros)
{
    if (edit >= _seenBy.size())
        return;
    ++_seenBy[edit];
    _sentMicros[edit] = sentMicros;
    _lastSeenMicros[edit] = std::max(_lastSeenMicros[edit], nowMicros);
}

DocumentFollower::DocumentFollower(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                                   SubscriberCensus& census, EditArrivals& arrivals, uint64_t edits)
    : Subscriber(loop, target, recorder, census, edits), _arrivals(arrivals),
      _parser([this](std::string_view data) { onChange(data); })
{
}

std::string DocumentFollower::subscribeRequest() const
{
    return "GET " + target().pathAndQuery + " HTTP/1.1\r\nHost: " + target().hostHeader() +
           "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\nUser-Agent: feedhub-editor-bench\r\n\r\n";
}

void DocumentFollower::onResponseHead(const HttpResponseHead& head)
{
    _streaming = ConnectOutcomes::classifyHead(head) == ConnectOutcome::Served;
    if (_streaming)
        setPhase(SubscriberPhase::Ready);
}

void DocumentFollower::onResponseBody(const char* bytes, size_t length)
{
    if (_streaming)
        _parser.feed(bytes, length);
}

void DocumentFollower::onResponseComplete()
{
    closeConnection();
    onConnectionLost("event stream closed by the server");
}

void DocumentFollower::onConnectionLost(const std::string& reason)
{
    if (phase() == SubscriberPhase::Ready)
    {
        census().noteFailure(reason);
        setPhase(SubscriberPhase::Lost);
    }
    else
        retryOrFail(reason);
}

void DocumentFollower::onChange(std::string_view data)
{
    const int64_t now = realtimeMicros();
    const uint64_t receivedBefore = received().size();
    recordDelivery(data);
    // Only an edit of this run seen for the first time by this client.
    BenchPayload payload;
    if (received().size() > receivedBefore && parseBenchPayload(data, payload))
        _arrivals.record(payload.sequence, payload.sentMicros, now);
    try
    {
        const Poco::JSON::Object::Ptr change =
            Poco::JSON::Parser().parse(std::string(data)).extract<Poco::JSON::Object::Ptr>();
        const int64_t version = change->getValue<Poco::Int64>("version");
        if (version > _latestVersion.load(std::memory_order_relaxed))
            _latestVersion.store(version, std::memory_order_release);
    }
    catch (const Poco::Exception& error)
    {
        census().noteFailure("a change event that is not {\"version\",...}: " + error.displayText());
    }
}

} // namespace feedhub::bench
