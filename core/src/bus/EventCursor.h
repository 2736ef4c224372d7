//
// EventCursor.h
//
// Definition of the EventCursor class.
//

#ifndef feedhub_EventCursor_INCLUDED
#define feedhub_EventCursor_INCLUDED

#include <cstdint>
#include <string>

namespace feedhub
{

class EventCursor
    /// Where a client stands in the hub's event sequence.
    ///
    /// SSE's Last-Event-ID, the lastEventId parameter and long polling's
    /// "since" all name a position in the same hub-wide sequence, so a client
    /// can switch transports without losing its place. Both the event id form
    /// "<topic>:<sequence>" and a bare "<sequence>" are accepted.
{
public:
    static std::uint64_t parse(const std::string& text);
        /// Returns the sequence number; throws Poco::SyntaxException if text
        /// is neither form.
};

} // namespace feedhub

#endif // feedhub_EventCursor_INCLUDED
