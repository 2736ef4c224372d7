#pragma once

#include <memory>
#include <optional>
#include <string>

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
    // The body the handler's state was parsed from, if it holds a good one.
    // Every poller at one cursor gets the same bytes, so a fan-out is parsed
    // once: Poco's JSON parser costs the tool about three times all its other
    // work per cycle, and on a 2-core machine shared with the server that
    // cost, not the server, would set the long-poll figures.
    mutable std::optional<std::string> _lastParsedBody;
};

} // namespace feedhub::bench
