//
// WebSocketEndpoint.h
//
// Definition of the WebSocketEndpoint class.
//

#ifndef feedhub_WebSocketEndpoint_INCLUDED
#define feedhub_WebSocketEndpoint_INCLUDED

#include <cstdint>
#include <string>
#include <vector>

struct wslay_event_context;

namespace feedhub
{

class WebSocketEndpoint
    /// The server's side of one WebSocket connection's framing (RFC 6455),
    /// driven by wslay's event API over bytes the caller hands it, with no
    /// socket: what arrives is given to receive(), what wslay sends goes to
    /// the listener.
    ///
    /// wslay checks every frame: masking, reserved bits, opcodes, control
    /// frames between fragments, UTF-8 of text, the message size limit; it
    /// answers pings and closes with the RFC's codes (1002, 1007, 1009). A
    /// binary message is refused with 1003: the protocol is JSON text.
    ///
    /// The wslay context (two 4 KiB buffers) exists only while a frame or a
    /// fragmented message is partly in: an idle subscriber holds none.
{
public:
    class Listener
    {
    public:
        virtual ~Listener() = default;

        virtual void messageReceived(const std::string& text) = 0;
            /// A complete text message.

        virtual void pongReceived() = 0;

        virtual void sendFrames(std::string bytes) = 0;
            /// Frames wslay wrote (pongs, close), to be sent in order.
    };

    WebSocketEndpoint(Listener& listener, std::size_t maxMessageBytes);
    ~WebSocketEndpoint();

    WebSocketEndpoint(const WebSocketEndpoint&) = delete;
    WebSocketEndpoint& operator=(const WebSocketEndpoint&) = delete;

    void receive(const char* data, std::size_t length);
        /// Takes bytes from the client. Ignored once the endpoint is closing.

    void close(std::uint16_t code, const std::string& reason);
        /// Sends a close frame (once) and takes nothing more.

    bool closing() const { return _closing; }
        /// A close frame was sent, or the client broke the protocol: the
        /// connection ends once what was sent is written.

    bool holdsContext() const { return _context != nullptr; }

private:
    static ssize_t recvCallback(wslay_event_context* context, uint8_t* buffer, size_t length, int flags,
                                void* self);
    static ssize_t sendCallback(wslay_event_context* context, const uint8_t* data, size_t length, int flags,
                                void* self);
    static void frameStarted(wslay_event_context* context, const void* arg, void* self);
    static void frameEnded(wslay_event_context* context, void* self);
    static void messageCallback(wslay_event_context* context, const void* arg, void* self);

    void createContext();
    void releaseIfIdle();

    Listener& _listener;
    std::uint64_t _maxMessageBytes;
    wslay_event_context* _context = nullptr;
    const char* _input = nullptr;
    std::size_t _inputLeft = 0;
    // Bytes given to wslay and bytes of the frames it has finished: equal,
    // with no fragmented message open, it holds nothing of the client's.
    std::uint64_t _fed = 0;
    std::uint64_t _framed = 0;
    std::uint64_t _frameBytes = 0;
    bool _controlFrame = false;
    bool _messageOpen = false;
    std::vector<std::string>* _messages = nullptr;
    bool _closing = false;
};

} // namespace feedhub

#endif // feedhub_WebSocketEndpoint_INCLUDED
