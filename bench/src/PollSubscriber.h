#pragma once

#include <cstdint>

#include "PollProtocol.h"
#include "Subscriber.h"

namespace feedhub::bench
{

// Tallies shared by all long-poll clients of a run.
struct PollCounters
{
    uint64_t cycles = 0;             // completed poll responses of any kind
    uint64_t truncatedResponses = 0; // server reported dropped events
    uint64_t errors = 0;             // failed responses or broken connections
    uint64_t reconnects = 0;         // new connections after the first
};

// A long-poll client looping GET-with-cursor for the whole run. Reuses its
// keep-alive connection, and reconnects when the server answers with
// `Connection: close` or drops an idle connection.
class PollSubscriber : public Subscriber
{
public:
    PollSubscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                   SubscriberCensus& census, uint64_t eventCapacity, const PollProtocol& protocol,
                   PollCounters& counters);

private:
    std::string subscribeRequest() const override;
    void onConnected() override;
    void onResponseHead(const HttpResponseHead& head) override;
    void onResponseBody(const char* bytes, size_t length) override;
    void onResponseComplete() override;
    void onConnectionLost(const std::string& reason) override;

    // Counts a failure in a row; false once the client should give up.
    bool tolerateFailure(const std::string& reason);
    void pollAgain(bool connectionReusable);

    const PollProtocol& _protocol;
    PollCounters& _counters;
    PollCursor _cursor;
    HttpResponseHead _head;
    std::string _body;
    int _failuresInARow = 0;
};

} // namespace feedhub::bench
