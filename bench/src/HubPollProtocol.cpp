#include "HubPollProtocol.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

namespace feedhub::bench
{

HubPollProtocol::HubPollProtocol(int pollTimeoutSeconds) : _pollTimeoutSeconds(pollTimeoutSeconds) {}

std::string HubPollProtocol::buildRequest(const HttpTarget& target, const PollCursor& cursor) const
{
    std::string path = target.pathAndQuery;
    path += path.find('?') == std::string::npos ? '?' : '&';
    // The first poll only fetches a cursor. Without `since` the hub answers at
    // once with the newest event, but on an empty topic it waits for the next
    // one like any poll; timeout=0 makes that an immediate 204 as well, so a
    // client knows when it is subscribed.
    if (cursor.established)
        path += "since=" + cursor.position + "&timeout=" + std::to_string(_pollTimeoutSeconds);
    else
        path += "timeout=0";
    return "GET " + path + " HTTP/1.1\r\nHost: " + target.hostHeader() +
           "\r\nAccept: application/json\r\nUser-Agent: feedhub-bench\r\n\r\n";
}

PollOutcome HubPollProtocol::handleResponse(const HttpResponseHead& head, const std::string& body,
                                            PollCursor& cursor, const EventDataHandler& onEventData) const
{
    if (head.status == 204)
    {
        // The topic had no event to take a cursor from: everything after
        // sequence 0 is new to us.
        if (!cursor.established)
        {
            cursor.position = "0";
            cursor.established = true;
        }
        return PollOutcome::NoEvents;
    }
    if (head.status != 200)
        return PollOutcome::Failed;
    try
    {
        Poco::JSON::Parser parser;
        const Poco::JSON::Object::Ptr batch = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        const Poco::JSON::Array::Ptr events = batch->getArray("events");
        if (events)
        {
            for (size_t i = 0; i < events->size(); ++i)
            {
                const Poco::JSON::Object::Ptr event = events->getObject(static_cast<unsigned>(i));
                // data is the published JSON value, or a string; toString()
                // gives the raw string or the JSON text of the value.
                if (event && event->has("data"))
                    onEventData(event->get("data").toString());
            }
        }
        if (batch->has("cursor"))
        {
            cursor.position = batch->get("cursor").toString();
            cursor.established = true;
        }
        return batch->optValue<bool>("truncated", false) ? PollOutcome::EventsTruncated : PollOutcome::Events;
    }
    catch (const Poco::Exception&)
    {
        return PollOutcome::Failed;
    }
}

} // namespace feedhub::bench
