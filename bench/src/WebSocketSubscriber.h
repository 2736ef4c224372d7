#pragma once

#include "Subscriber.h"

struct wslay_event_context;

namespace feedhub::bench
{

enum class WebSocketProtocolKind
{
    Hub,  // feedhub's /ws: subscribed by a {"op":"subscribe"} message, answered {"ok":true}
    Nchan // nchan_subscriber websocket: subscribed by the URL, once the 101 arrives
};

// Holds one WebSocket open for the whole run and records every event it
// carries. Frames are read and written by wslay (its client event API) over
// the bytes the connection receives; pings are answered by wslay.
class WebSocketSubscriber : public Subscriber
{
public:
    WebSocketSubscriber(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                        SubscriberCensus& census, uint64_t eventCapacity, WebSocketProtocolKind protocol,
                        std::string topic);
    ~WebSocketSubscriber() override;

private:
    std::string subscribeRequest() const override;
    void onResponseHead(const HttpResponseHead& head) override;
    void onResponseBody(const char* bytes, size_t length) override;
    void onResponseComplete() override;
    void onConnectionLost(const std::string& reason) override;

    void startSession();
    void endSession();
    void messageReceived(std::string_view text);
    void lost(const std::string& reason);

    static ssize_t recvCallback(wslay_event_context* context, uint8_t* buffer, size_t length, int flags,
                                void* self);
    static ssize_t sendCallback(wslay_event_context* context, const uint8_t* data, size_t length, int flags,
                                void* self);
    static int genmaskCallback(wslay_event_context* context, uint8_t* buffer, size_t length, void* self);
    static void messageCallback(wslay_event_context* context, const void* arg, void* self);

    WebSocketProtocolKind _protocol;
    std::string _topic;
    wslay_event_context* _session = nullptr;
    const char* _input = nullptr;
    size_t _inputLeft = 0;
    int _rejectedStatus = 0;
};

} // namespace feedhub::bench
