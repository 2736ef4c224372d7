//
// WebSocketFrames.cpp
//

#include "ws/WebSocketFrames.h"
#include "Poco/Exception.h"
#include <memory>
#include <wslay/wslay.h>

namespace feedhub
{

namespace
{

// Control frames carry at most 125 bytes: the code takes two.
constexpr std::size_t MAX_REASON = 123;

ssize_t append(const uint8_t* data, size_t length, int, void* target)
{
    static_cast<std::string*>(target)->append(reinterpret_cast<const char*>(data), length);
    return static_cast<ssize_t>(length);
}

std::string frame(std::uint8_t opcode, const std::string& payload)
{
    // One frame context per thread, writing into the string being built.
    struct Encoder
    {
        wslay_frame_context_ptr context = nullptr;
        std::string* target = nullptr;
        Encoder()
        {
            static const wslay_frame_callbacks callbacks{
                [](const uint8_t* data, size_t length, int flags, void* self) {
                    return append(data, length, flags, static_cast<Encoder*>(self)->target);
                },
                nullptr, nullptr};
            if (wslay_frame_context_init(&context, &callbacks, this) != 0)
                throw Poco::OutOfMemoryException("cannot create a WebSocket frame encoder");
        }
        ~Encoder() { wslay_frame_context_free(context); }
    };
    thread_local Encoder encoder;
    std::string bytes;
    bytes.reserve(payload.size() + 10);
    encoder.target = &bytes;
    wslay_frame_iocb iocb{};
    iocb.fin = 1;
    iocb.opcode = opcode;
    iocb.payload_length = payload.size();
    iocb.data = reinterpret_cast<const uint8_t*>(payload.data());
    iocb.data_length = payload.size();
    if (wslay_frame_send(encoder.context, &iocb) != static_cast<ssize_t>(payload.size()))
        throw Poco::IllegalStateException("wslay did not encode a whole frame");
    encoder.target = nullptr;
    return bytes;
}

} // namespace

std::string WebSocketFrames::text(const std::string& payload)
{
    return frame(WSLAY_TEXT_FRAME, payload);
}

const Outbox::Chunk& WebSocketFrames::ping()
{
    static const Outbox::Chunk chunk = std::make_shared<const std::string>(frame(WSLAY_PING, std::string()));
    return chunk;
}

std::string WebSocketFrames::close(std::uint16_t code, const std::string& reason)
{
    std::string payload;
    payload += static_cast<char>(code >> 8);
    payload += static_cast<char>(code & 0xff);
    payload += reason.substr(0, MAX_REASON);
    return frame(WSLAY_CONNECTION_CLOSE, payload);
}

Outbox::Chunk WebSocketFrames::event(const EventPtr& event)
{
    struct Last
    {
        EventPtr event;
        Outbox::Chunk chunk;
    };
    thread_local Last last;
    if (last.event != event)
    {
        last.chunk = std::make_shared<const std::string>(text(event->json()));
        last.event = event;
    }
    return last.chunk;
}

} // namespace feedhub
