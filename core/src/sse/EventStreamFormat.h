//
// EventStreamFormat.h
//
// Definition of the EventStreamFormat class.
//

#ifndef feedhub_EventStreamFormat_INCLUDED
#define feedhub_EventStreamFormat_INCLUDED

#include <string>

namespace feedhub
{

class EventStreamFormat
    /// The text/event-stream wire format (WHATWG HTML, "Server-sent events").
{
public:
    static std::string event(const std::string& id, const std::string& type, const std::string& data);
        /// Encodes one event. Data containing CR, LF or CRLF becomes several
        /// "data:" lines, so the browser joins them back with LF. The "event:"
        /// line is left out for the default type "message", and the "id:" line
        /// for an empty id (an empty "id:" would reset the browser's
        /// Last-Event-ID).

    static std::string retry(int milliseconds);
        /// The "retry:" frame sent when a stream opens.

    static std::string heartbeat();
        /// A comment frame that keeps proxies from closing an idle stream.

    static void checkField(const std::string& name, const std::string& value);
        /// Throws Poco::InvalidArgumentException if value holds CR, LF or NUL,
        /// which would end the field early and corrupt the stream.

    static const std::string DEFAULT_TYPE;
};

} // namespace feedhub

#endif // feedhub_EventStreamFormat_INCLUDED
