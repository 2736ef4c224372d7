#include "NchanPollProtocol.h"

namespace feedhub::bench
{

std::string NchanPollProtocol::buildRequest(const HttpTarget& target, const PollCursor& cursor) const
{
    // Appended into one string, as for the hub: a request is built per poll cycle.
    std::string request;
    request.reserve(160 + target.pathAndQuery.size() + cursor.position.size() + cursor.tag.size());
    request += "GET ";
    request += target.pathAndQuery;
    request += " HTTP/1.1\r\nHost: ";
    request += target.hostHeader();
    request += "\r\nUser-Agent: feedhub-bench\r\n";
    if (cursor.established)
    {
        request += "If-Modified-Since: ";
        request += cursor.position;
        request += "\r\nIf-None-Match: ";
        request += cursor.tag;
        request += "\r\n";
    }
    request += "\r\n";
    return request;
}

PollOutcome NchanPollProtocol::handleResponse(const HttpResponseHead& head, const std::string& body,
                                              PollCursor& cursor, const EventDataHandler& onEventData) const
{
    if (head.status == 304 || head.status == 408)
        return PollOutcome::NoEvents;
    if (head.status != 200)
        return PollOutcome::Failed;
    const std::string_view lastModified = head.header("last-modified");
    if (lastModified.empty())
        return PollOutcome::Failed;
    cursor.position.assign(lastModified.data(), lastModified.size());
    const std::string_view etag = head.header("etag");
    cursor.tag.assign(etag.data(), etag.size());
    cursor.established = true;
    onEventData(body);
    return PollOutcome::Events;
}

} // namespace feedhub::bench
