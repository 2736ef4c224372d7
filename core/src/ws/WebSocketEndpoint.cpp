//
// WebSocketEndpoint.cpp
//

#include "ws/WebSocketEndpoint.h"
#include "Poco/Exception.h"
#include "ws/WebSocketFrames.h"
#include <algorithm>
#include <cstring>
#include <vector>
#include <wslay/wslay.h>

namespace feedhub
{

namespace
{

// A client's frame header: 2 bytes, the extended length, the mask key.
std::uint64_t headerBytes(std::uint64_t payloadLength)
{
    const std::uint64_t extended = payloadLength < 126 ? 0 : payloadLength <= 0xffff ? 2 : 8;
    return 2 + extended + 4;
}

WebSocketEndpoint& endpoint(void* self)
{
    return *static_cast<WebSocketEndpoint*>(self);
}

} // namespace

WebSocketEndpoint::WebSocketEndpoint(Listener& listener, std::size_t maxMessageBytes)
    : _listener(listener), _maxMessageBytes(maxMessageBytes)
{
}

WebSocketEndpoint::~WebSocketEndpoint()
{
    if (_context)
        wslay_event_context_free(_context);
}

void WebSocketEndpoint::createContext()
{
    static const wslay_event_callbacks callbacks{
        recvCallback,
        sendCallback,
        nullptr,
        [](wslay_event_context_ptr context, const wslay_event_on_frame_recv_start_arg* arg, void* self) {
            frameStarted(context, arg, self);
        },
        nullptr,
        frameEnded,
        [](wslay_event_context_ptr context, const wslay_event_on_msg_recv_arg* arg, void* self) {
            messageCallback(context, arg, self);
        }};
    if (wslay_event_context_server_init(&_context, &callbacks, this) != 0)
        throw Poco::OutOfMemoryException("cannot create a WebSocket context");
    wslay_event_config_set_max_recv_msg_length(_context, _maxMessageBytes);
}

void WebSocketEndpoint::receive(const char* data, std::size_t length)
{
    if (_closing || length == 0)
        return;
    if (!_context)
        createContext();
    // Messages are handed on once wslay is done with the bytes and has sent
    // what they asked of it (pongs), so answers follow in the order asked.
    std::vector<std::string> messages;
    _input = data;
    _inputLeft = length;
    _messages = &messages;
    const int received = wslay_event_recv(_context);
    _messages = nullptr;
    _input = nullptr;
    _inputLeft = 0;
    const int sent = wslay_event_send(_context);
    if (received != 0 || sent != 0 || wslay_event_get_close_sent(_context) ||
        !wslay_event_get_read_enabled(_context))
    {
        // Past a close nothing more is read, nor answered.
        _closing = true;
        return;
    }
    releaseIfIdle();
    for (const std::string& message : messages)
    {
        if (_closing)
            break;
        _listener.messageReceived(message);
    }
}

void WebSocketEndpoint::close(std::uint16_t code, const std::string& reason)
{
    if (_closing)
        return;
    _closing = true;
    if (!_context)
    {
        _listener.sendFrames(WebSocketFrames::close(code, reason));
        return;
    }
    // wslay may hold part of a client's frame: it sends the close and reads no more.
    wslay_event_queue_close(_context, code, reinterpret_cast<const uint8_t*>(reason.data()), reason.size());
    wslay_event_send(_context);
}

void WebSocketEndpoint::releaseIfIdle()
{
    if (_fed != _framed || _messageOpen || wslay_event_get_queued_msg_count(_context) != 0)
        return;
    wslay_event_context_free(_context);
    _context = nullptr;
    _fed = 0;
    _framed = 0;
}

ssize_t WebSocketEndpoint::recvCallback(wslay_event_context* context, uint8_t* buffer, size_t length, int,
                                        void* self)
{
    WebSocketEndpoint& me = endpoint(self);
    if (me._inputLeft == 0)
    {
        wslay_event_set_error(context, WSLAY_ERR_WOULDBLOCK);
        return -1;
    }
    const std::size_t taken = std::min(length, me._inputLeft);
    std::memcpy(buffer, me._input, taken);
    me._input += taken;
    me._inputLeft -= taken;
    me._fed += taken;
    return static_cast<ssize_t>(taken);
}

ssize_t WebSocketEndpoint::sendCallback(wslay_event_context*, const uint8_t* data, size_t length, int,
                                        void* self)
{
    // The listener queues everything, so wslay never holds half a frame and
    // the hub's own frames can go between wslay's.
    endpoint(self)._listener.sendFrames(std::string(reinterpret_cast<const char*>(data), length));
    return static_cast<ssize_t>(length);
}

void WebSocketEndpoint::frameStarted(wslay_event_context*, const void* arg, void* self)
{
    const auto* start = static_cast<const wslay_event_on_frame_recv_start_arg*>(arg);
    WebSocketEndpoint& me = endpoint(self);
    me._frameBytes = headerBytes(start->payload_length) + start->payload_length;
    me._controlFrame = (start->opcode & 0x8) != 0;
    if (!me._controlFrame)
        me._messageOpen = start->fin == 0;
}

void WebSocketEndpoint::frameEnded(wslay_event_context*, void* self)
{
    WebSocketEndpoint& me = endpoint(self);
    me._framed += me._frameBytes;
    me._frameBytes = 0;
}

void WebSocketEndpoint::messageCallback(wslay_event_context* context, const void* arg, void* self)
{
    const auto* message = static_cast<const wslay_event_on_msg_recv_arg*>(arg);
    WebSocketEndpoint& me = endpoint(self);
    switch (message->opcode)
    {
    case WSLAY_TEXT_FRAME:
        me._messages->emplace_back(reinterpret_cast<const char*>(message->msg), message->msg_length);
        break;
    case WSLAY_BINARY_FRAME:
        wslay_event_queue_close(context, WSLAY_CODE_UNSUPPORTED_DATA,
                                reinterpret_cast<const uint8_t*>("send JSON text messages"), 23);
        break;
    case WSLAY_PONG:
        me._listener.pongReceived();
        break;
    default:
        break;
    }
}

} // namespace feedhub
