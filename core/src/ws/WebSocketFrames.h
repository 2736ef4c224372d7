//
// WebSocketFrames.h
//
// Definition of the WebSocketFrames class.
//

#ifndef feedhub_WebSocketFrames_INCLUDED
#define feedhub_WebSocketFrames_INCLUDED

#include "feedhub/Event.h"
#include "loop/Outbox.h"
#include <cstdint>
#include <string>

namespace feedhub
{

class WebSocketFrames
    /// Frames the hub sends on its own, encoded by wslay's frame layer: a
    /// server's frames are not masked, so one event's frame is the same
    /// bytes for every subscriber and is encoded once.
{
public:
    static std::string text(const std::string& payload);
        /// One unfragmented text frame.

    static const Outbox::Chunk& ping();
        /// An empty ping.

    static std::string close(std::uint16_t code, const std::string& reason);
        /// A close frame with a status code and a UTF-8 reason (at most 123 bytes).

    static Outbox::Chunk event(const EventPtr& event);
        /// The text frame holding the event's JSON object (Event::json()).
        /// The loop thread's last one is kept, so the subscribers an event
        /// is dispatched to in turn share one encoding.
};

} // namespace feedhub

#endif // feedhub_WebSocketFrames_INCLUDED
