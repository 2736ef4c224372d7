//
// WebSocketRequest.h
//
// Definition of the WebSocketRequest struct.
//

#ifndef feedhub_WebSocketRequest_INCLUDED
#define feedhub_WebSocketRequest_INCLUDED

#include "feedhub/Publication.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

struct WebSocketRequest
    /// One message a client sends over /ws (docs/websocket.md):
    /// {"op":"subscribe","topics":[...],"lastEventId":"..."},
    /// {"op":"unsubscribe","topics":[...]} or
    /// {"op":"publish","topic":...,"type":...,"data":...}, each with an
    /// optional "ref" the answer echoes.
{
    enum class Op
    {
        SUBSCRIBE,
        UNSUBSCRIBE,
        PUBLISH
    };

    struct Limits
    {
        std::size_t maxTopics = 16;
            /// Topics one message may name ([sse] max_topics_per_connection).
        std::size_t maxPublishBytes = 65536;
            /// Largest publish message, as POST /publish's body ([server] max_body_bytes).
    };

    Op op = Op::SUBSCRIBE;
    std::string ref;
        /// The "ref" member as JSON text (a string or a number), empty if none.
    std::vector<std::string> topics;
    std::optional<std::uint64_t> resumeAfter;
        /// From "lastEventId": replay what history holds after it.
    std::vector<Publication> publications;
    std::string error;
        /// Why the message is refused; the other members are then unset,
        /// except ref when it could be read.

    static WebSocketRequest parse(const std::string& text, const Limits& limits);
        /// Reads a message with POST /publish's rules for a publish
        /// (PublishRequest::readJson). Never throws for what a client sends.
};

} // namespace feedhub

#endif // feedhub_WebSocketRequest_INCLUDED
