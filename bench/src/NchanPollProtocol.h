#pragma once

#include "PollProtocol.h"

namespace feedhub::bench
{

// Nchan's long-poll subscriber: the cursor travels as If-Modified-Since /
// If-None-Match request headers echoing the Last-Modified / Etag of the
// previous message; each 200 carries one raw message body; 304 or 408 mean
// the poll timed out. The location is expected to use
// `nchan_subscriber_first_message newest`, so the first poll waits.
class NchanPollProtocol : public PollProtocol
{
public:
    std::string buildRequest(const HttpTarget& target, const PollCursor& cursor) const override;
    PollOutcome handleResponse(const HttpResponseHead& head, const std::string& body, PollCursor& cursor,
                               const EventDataHandler& onEventData) const override;
    bool firstPollWaitsForEvents() const override { return true; }
};

} // namespace feedhub::bench
