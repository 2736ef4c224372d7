//
// EventJsonFormat.h
//
// Definition of the EventJsonFormat class.
//

#ifndef feedhub_EventJsonFormat_INCLUDED
#define feedhub_EventJsonFormat_INCLUDED

#include "feedhub/Event.h"
#include <cstdint>
#include <string>
#include <vector>

namespace feedhub
{

class EventJsonFormat
    /// The JSON forms long polling answers with.
    ///
    /// An event is {"topic","id","type","data","time"}. data is embedded as
    /// the JSON value it holds when it is exactly one JSON value (what
    /// /publish stores for JSON data), else as a JSON string, so a client
    /// gets back what was published either way; SSE sends the same text as
    /// is. time is ISO 8601 in UTC with milliseconds (IsoTime), e.g.
    /// "2024-05-01T12:00:00.250Z".
{
public:
    static std::string event(const Event& event);
        /// Encodes one event; Event::json() keeps the result.

    static std::string batch(const std::vector<EventPtr>& events, std::uint64_t cursor, bool truncated);
        /// {"events":[...],"cursor":"<cursor>","truncated":bool}, built by
        /// concatenating the events' json(), so thousands of answers with the
        /// same event encode it once.

    static bool isJsonValue(const std::string& text);
        /// True if text is exactly one JSON value (object, array, string,
        /// number, true, false or null), surrounded by nothing but whitespace.
};

} // namespace feedhub

#endif // feedhub_EventJsonFormat_INCLUDED
