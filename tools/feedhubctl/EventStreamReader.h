//
// EventStreamReader.h
//
// Definition of the EventStreamReader class.
//

#ifndef feedhub_EventStreamReader_INCLUDED
#define feedhub_EventStreamReader_INCLUDED

#include <istream>
#include <string>

namespace feedhub
{

class EventStreamReader
    /// Reads a text/event-stream body as a browser does (WHATWG HTML,
    /// "Server-sent events"): "data:" lines joined with LF, comments
    /// (heartbeats) skipped, "retry:" kept.
{
public:
    struct Event
    {
        std::string id;
            /// Empty for an event without an "id:" line (a greeting).
        std::string type = "message";
        std::string data;
    };

    explicit EventStreamReader(std::istream& in);

    bool next(Event& event);
        /// The next event; false once the stream ends or breaks.

    int retryMs(int fallback) const { return _retryMs < 0 ? fallback : _retryMs; }
        /// The reconnect delay the hub asked for.

private:
    std::istream& _in;
    int _retryMs = -1;
};

} // namespace feedhub

#endif // feedhub_EventStreamReader_INCLUDED
