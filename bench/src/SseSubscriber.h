#pragma once

#include "SseParser.h"
#include "Subscriber.h"

namespace feedhub::bench
{

// Holds one Server-Sent Events stream open for the whole run and records
// every event it carries. Subscribed once the 200 event-stream head arrives.
class SseSubscriber : public Subscriber
{
public:
    SseSubscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                  SubscriberCensus& census, uint64_t eventCapacity);

private:
    std::string subscribeRequest() const override;
    void onResponseHead(const HttpResponseHead& head) override;
    void onResponseBody(const char* bytes, size_t length) override;
    void onResponseComplete() override;
    void onConnectionLost(const std::string& reason) override;

    SseParser _parser;
    bool _streaming = false; // the current response is an event stream
    int _rejectedStatus = 0; // status of a refused subscription
};

} // namespace feedhub::bench
