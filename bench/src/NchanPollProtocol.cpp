#include "NchanPollProtocol.h"

namespace feedhub::bench
{

std::string NchanPollProtocol::buildRequest(const HttpTarget& target, const PollCursor& cursor) const
{
    std::string request = "GET " + target.pathAndQuery + " HTTP/1.1\r\nHost: " + target.hostHeader() +
                          "\r\nUser-Agent: feedhub-bench\r\n";
    if (cursor.established)
        request += "If-Modified-Since: " + cursor.position + "\r\nIf-None-Match: " + cursor.tag + "\r\n";
    return request + "\r\n";
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
