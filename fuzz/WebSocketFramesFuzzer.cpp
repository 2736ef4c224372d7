//
// WebSocketFramesFuzzer.cpp
//
// libFuzzer entry point: arbitrary bytes as frames a client sent, through the
// hub's WebSocket framing (WebSocketEndpoint over wslay) and its protocol
// parser (WebSocketRequest), with no socket. The first byte picks how the
// rest is cut into reads, so frames also arrive split across them.
//

#include "ws/WebSocketEndpoint.h"
#include "ws/WebSocketRequest.h"
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace
{

class Sink : public feedhub::WebSocketEndpoint::Listener
{
public:
    void messageReceived(const std::string& text) override
    {
        feedhub::WebSocketRequest::Limits limits;
        const feedhub::WebSocketRequest request = feedhub::WebSocketRequest::parse(text, limits);
        // A refused message says why; an accepted one names what it acts on.
        if (request.error.empty() && request.topics.empty() && request.publications.empty())
            __builtin_trap();
    }
    void pongReceived() override {}
    void sendFrames(std::string bytes) override
    {
        if (bytes.empty())
            __builtin_trap();
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t read = 1 + data[0] % 64;
    Sink sink;
    feedhub::WebSocketEndpoint endpoint(sink, 1 << 16);
    const char* bytes = reinterpret_cast<const char*>(data + 1);
    for (std::size_t at = 0; at < size - 1; at += read)
        endpoint.receive(bytes + at, std::min(read, size - 1 - at));
    return 0;
}
