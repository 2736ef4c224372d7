//
// Event.h
//
// Definition of the Event class.
//

#ifndef feedhub_Event_INCLUDED
#define feedhub_Event_INCLUDED

#include "Poco/Timestamp.h"
#include "feedhub/Export.h"
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace feedhub
{

class FEEDHUB_API Event
    /// One published event: immutable once the bus has assigned its id.
    ///
    /// The sequence number is hub-wide and strictly increasing, so it is also
    /// strictly increasing within each topic, and one number is enough to say
    /// where a client stands on every topic of a multi-topic connection. The
    /// SSE and JSON wire forms are encoded once here and shared by every
    /// subscriber.
{
public:
    Event(std::string topic, std::uint64_t sequence, std::string type, std::string data,
          Poco::Timestamp time);

    const std::string& topic() const { return _topic; }
    std::uint64_t sequence() const { return _sequence; }
    const std::string& type() const { return _type; }
    const std::string& data() const { return _data; }
    const Poco::Timestamp& time() const { return _time; }

    const std::string& id() const { return _id; }
        /// The event id as clients see it: "<topic>:<sequence>". Topic names
        /// need no escaping, so it is also valid inside JSON quotes as it is.

    const std::string& frame() const;
        /// The complete SSE frame (id, event, data lines, blank line),
        /// encoded on first use, once, from any thread.

    const std::string& json() const;
        /// The event as a JSON object for long polling (see EventJsonFormat),
        /// encoded on first use, once, from any thread.

private:
    std::string _topic;
    std::uint64_t _sequence;
    std::string _type;
    std::string _data;
    Poco::Timestamp _time;
    std::string _id;
    // Both wire forms are built lazily: a topic nobody streams never pays
    // for its SSE frame, and SSE-only hubs never check whether data is JSON.
    mutable std::once_flag _frameOnce;
    mutable std::string _frame;
    mutable std::once_flag _jsonOnce;
    mutable std::string _json;
};

using EventPtr = std::shared_ptr<const Event>;

} // namespace feedhub

#endif // feedhub_Event_INCLUDED
