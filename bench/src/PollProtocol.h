#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "HttpResponseReader.h"
#include "HttpTarget.h"

namespace feedhub::bench
{

// Where a long-poll client is in the event stream, in whatever form the
// server hands out (feedhub: a sequence cursor; Nchan: Last-Modified + Etag).
struct PollCursor
{
    bool established = false;
    std::string position;
    std::string tag;
};

enum class PollOutcome
{
    Events,          // events delivered, cursor advanced
    EventsTruncated, // events delivered, but the server says some were dropped
    NoEvents,        // the poll timed out; ask again with the same cursor
    Failed           // unexpected status or body
};

// The server-specific half of a long-poll client: how to ask for events after
// a cursor and how to read the answer. PollSubscriber does the rest.
class PollProtocol
{
public:
    using EventDataHandler = std::function<void(std::string_view data)>;

    virtual ~PollProtocol() = default;

    virtual std::string buildRequest(const HttpTarget& target, const PollCursor& cursor) const = 0;

    virtual PollOutcome handleResponse(const HttpResponseHead& head, const std::string& body,
                                       PollCursor& cursor, const EventDataHandler& onEventData) const = 0;

    // True if a poll without a cursor already waits for the next event, so a
    // client is subscribed as soon as it is connected; false if the first poll
    // only fetches a cursor.
    virtual bool firstPollWaitsForEvents() const = 0;
};

} // namespace feedhub::bench
