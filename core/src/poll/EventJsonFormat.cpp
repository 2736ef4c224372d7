//
// EventJsonFormat.cpp
//

#include "poll/EventJsonFormat.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/JSONString.h"
#include "Poco/NumberFormatter.h"
#include "feedhub/IsoTime.h"

namespace feedhub
{

std::string EventJsonFormat::event(const Event& event)
{
    std::string json;
    json.reserve(event.topic().size() * 2 + event.type().size() + event.data().size() + 96);
    // Topic and id are quoted as they are: topic names need no escaping.
    json += "{\"topic\":\"";
    json += event.topic();
    json += "\",\"id\":\"";
    json += event.id();
    json += "\",\"type\":";
    json += Poco::toJSON(event.type());
    json += ",\"data\":";
    json += isJsonValue(event.data()) ? event.data() : Poco::toJSON(event.data());
    json += ",\"time\":\"";
    json += IsoTime::format(event.time());
    json += "\"}";
    return json;
}

std::string EventJsonFormat::batch(const std::vector<EventPtr>& events, std::uint64_t cursor, bool truncated)
{
    std::size_t size = 64;
    for (const EventPtr& event : events)
        size += event->json().size() + 1;
    std::string body;
    body.reserve(size);
    body += "{\"events\":[";
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        if (i > 0)
            body += ',';
        body += events[i]->json();
    }
    body += "],\"cursor\":\"";
    Poco::NumberFormatter::append(body, static_cast<Poco::UInt64>(cursor));
    body += "\",\"truncated\":";
    body += truncated ? "true" : "false";
    body += '}';
    return body;
}

bool EventJsonFormat::isJsonValue(const std::string& text)
{
    // Poco's parser takes only an object or an array as a whole document, so
    // a scalar is checked as the single element of an array.
    try
    {
        const Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse("[" + text + "]");
        return parsed.extract<Poco::JSON::Array::Ptr>()->size() == 1;
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
}

} // namespace feedhub
