#pragma once

#include "PollProtocol.h"

namespace feedhub::bench
{

// feedhub's GET /poll?topic=T&since=CURSOR&timeout=S: 200 with a JSON batch
// {"events":[{..."data":...}],"cursor":"N","truncated":bool} or 204 on timeout.
// Without `since` it answers with the newest event, if the topic has one.
class HubPollProtocol : public PollProtocol
{
public:
    explicit HubPollProtocol(int pollTimeoutSeconds);

    std::string buildRequest(const HttpTarget& target, const PollCursor& cursor) const override;
    PollOutcome handleResponse(const HttpResponseHead& head, const std::string& body, PollCursor& cursor,
                               const EventDataHandler& onEventData) const override;
    bool firstPollWaitsForEvents() const override { return false; }

private:
    int _pollTimeoutSeconds;
};

} // namespace feedhub::bench
