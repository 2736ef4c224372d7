#include "WebSocketSubscriber.h"

#include <cstring>
#include <stdexcept>
#include <wslay/wslay.h>

namespace feedhub::bench
{

namespace
{

// Any 16 bytes in Base64 will do: the tool does not check the server's accept key.
const char* const kKey = "ZmVlZGh1Yi1iZW5jaGtleQ==";

WebSocketSubscriber& subscriber(void* self)
{
    return *static_cast<WebSocketSubscriber*>(self);
}

} // namespace

WebSocketSubscriber::WebSocketSubscriber(EventLoop& loop, const HttpTarget& target,
                                         DeliveryRecorder& recorder, SubscriberCensus& census,
                                         uint64_t eventCapacity, WebSocketProtocolKind protocol,
                                         std::string topic)
    : Subscriber(loop, target, recorder, census, eventCapacity), _protocol(protocol), _topic(std::move(topic))
{
}

WebSocketSubscriber::~WebSocketSubscriber()
{
    endSession();
}

std::string WebSocketSubscriber::subscribeRequest() const
{
    return "GET " + target().pathAndQuery + " HTTP/1.1\r\nHost: " + target().hostHeader() +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: "
           "13\r\nSec-WebSocket-Key: " +
           kKey + "\r\nUser-Agent: feedhub-bench\r\n\r\n";
}

void WebSocketSubscriber::startSession()
{
    static const wslay_event_callbacks callbacks{recvCallback,
                                                 sendCallback,
                                                 genmaskCallback,
                                                 nullptr,
                                                 nullptr,
                                                 nullptr,
                                                 [](wslay_event_context_ptr context,
                                                    const wslay_event_on_msg_recv_arg* arg,
                                                    void* self) { messageCallback(context, arg, self); }};
    endSession();
    if (wslay_event_context_client_init(&_session, &callbacks, this) != 0)
        throw std::bad_alloc();
}

void WebSocketSubscriber::endSession()
{
    if (_session)
        wslay_event_context_free(_session);
    _session = nullptr;
}

void WebSocketSubscriber::onResponseHead(const HttpResponseHead& head)
{
    const ConnectOutcome outcome = ConnectOutcomes::classifyHead(head);
    settleFirstAttempt(outcome, head.status);
    _rejectedStatus = outcome == ConnectOutcome::Served ? 0 : head.status;
    if (outcome != ConnectOutcome::Served)
        return;
    startSession();
    if (_protocol == WebSocketProtocolKind::Nchan)
    {
        setPhase(SubscriberPhase::Ready);
        return;
    }
    const std::string subscribe = "{\"op\":\"subscribe\",\"topics\":[\"" + _topic + "\"],\"ref\":1}";
    wslay_event_msg message{WSLAY_TEXT_FRAME, reinterpret_cast<const uint8_t*>(subscribe.data()),
                            subscribe.size()};
    wslay_event_queue_msg(_session, &message);
    wslay_event_send(_session);
}

void WebSocketSubscriber::onResponseBody(const char* bytes, size_t length)
{
    if (!_session)
        return;
    _input = bytes;
    _inputLeft = length;
    const int received = wslay_event_recv(_session);
    _input = nullptr;
    _inputLeft = 0;
    if (!_session)
        return;
    const int sent = wslay_event_send(_session);
    if (received != 0 || sent != 0 || wslay_event_get_close_received(_session))
        lost("the server closed the WebSocket");
}

void WebSocketSubscriber::messageReceived(std::string_view text)
{
    // The hub's answer to the subscribe: from now on every event arrives.
    if (_protocol == WebSocketProtocolKind::Hub && text.find("\"ref\":1") != std::string_view::npos)
    {
        if (text.find("\"ok\":true") != std::string_view::npos)
            setPhase(SubscriberPhase::Ready);
        return;
    }
    recordDelivery(text);
}

void WebSocketSubscriber::lost(const std::string& reason)
{
    endSession();
    closeConnection();
    if (phase() == SubscriberPhase::Ready)
    {
        census().noteFailure(reason);
        setPhase(SubscriberPhase::Lost);
    }
    else
        retryOrFail(reason);
}

void WebSocketSubscriber::onResponseComplete()
{
    if (_rejectedStatus != 0)
    {
        endSession();
        closeConnection();
        retryOrFail("subscribe: HTTP " + std::to_string(_rejectedStatus));
        return;
    }
    lost("WebSocket closed by the server");
}

void WebSocketSubscriber::onConnectionLost(const std::string& reason)
{
    endSession();
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

ssize_t WebSocketSubscriber::recvCallback(wslay_event_context* context, uint8_t* buffer, size_t length, int,
                                          void* self)
{
    WebSocketSubscriber& me = subscriber(self);
    if (me._inputLeft == 0)
    {
        wslay_event_set_error(context, WSLAY_ERR_WOULDBLOCK);
        return -1;
    }
    const size_t taken = std::min(length, me._inputLeft);
    std::memcpy(buffer, me._input, taken);
    me._input += taken;
    me._inputLeft -= taken;
    return static_cast<ssize_t>(taken);
}

ssize_t WebSocketSubscriber::sendCallback(wslay_event_context*, const uint8_t* data, size_t length, int,
                                          void* self)
{
    subscriber(self).sendRequest(std::string(reinterpret_cast<const char*>(data), length));
    return static_cast<ssize_t>(length);
}

int WebSocketSubscriber::genmaskCallback(wslay_event_context*, uint8_t* buffer, size_t length, void*)
{
    // Masking only defeats proxies' caches; a fixed key is enough for a load tool.
    std::memset(buffer, 0x5a, length);
    return 0;
}

void WebSocketSubscriber::messageCallback(wslay_event_context*, const void* arg, void* self)
{
    const auto* message = static_cast<const wslay_event_on_msg_recv_arg*>(arg);
    if (message->opcode == WSLAY_TEXT_FRAME || message->opcode == WSLAY_BINARY_FRAME)
        subscriber(self).messageReceived(
            std::string_view(reinterpret_cast<const char*>(message->msg), message->msg_length));
}

} // namespace feedhub::bench
