#pragma once

#include <memory>

#include "HubPollBatchHandler.h"
#include "PollProtocol.h"

namespace Poco::JSON
{
class Parser;
}

namespace feedhub::bench
{

// feedhub's GET /poll?topic=T&since=CURSOR&timeout=S: 200 with a JSON batch
// {"events":[{..."data":...}],"cursor":"N","truncated":bool} or 204 on timeout.
// Without `since` it answers with the newest event, if the topic has one.
class HubPollProtocol : public PollProtocol
{
public:
    explicit HubPollProtocol(int pollTimeoutSeconds);
    ~HubPollProtocol() override;

    std::string buildRequest(const HttpTarget& target, const PollCursor& cursor) const override;
    PollOutcome handleResponse(const HttpResponseHead& head, const std::string& body, PollCursor& cursor,
                               const EventDataHandler& onEventData) const override;
    bool firstPollWaitsForEvents() const override { return false; }

private:
    int _pollTimeoutSeconds;
    // One streaming parser and handler, reused for every answer so that a poll
    // cycle builds no DOM and reuses the handler's buffers. Held by pointer,
    // so const handleResponse() can drive them (logically mutable state).
    // Safe because every subscriber of a run shares this protocol on the
    // bench's single event-loop thread; not for use from several threads.
    HubPollBatchHandler::Ptr _batchHandler;
    std::unique_ptr<Poco::JSON::Parser> _parser;
};

} // namespace feedhub::bench
