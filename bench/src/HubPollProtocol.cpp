#include "HubPollProtocol.h"

#include <exception>

#include <Poco/JSON/Parser.h>

namespace feedhub::bench
{

HubPollProtocol::HubPollProtocol(int pollTimeoutSeconds)
    : _pollTimeoutSeconds(pollTimeoutSeconds), _batchHandler(new HubPollBatchHandler),
      _parser(std::make_unique<Poco::JSON::Parser>(_batchHandler))
{
}

HubPollProtocol::~HubPollProtocol() = default;

std::string HubPollProtocol::buildRequest(const HttpTarget& target, const PollCursor& cursor) const
{
    // Appended into one string: a request is built per poll cycle.
    std::string request;
    request.reserve(160 + target.pathAndQuery.size() + cursor.position.size());
    request += "GET ";
    request += target.pathAndQuery;
    request += target.pathAndQuery.find('?') == std::string::npos ? '?' : '&';
    // The first poll only fetches a cursor. Without `since` the hub answers at
    // once with the newest event, but on an empty topic it waits for the next
    // one like any poll; timeout=0 makes that an immediate 204 as well, so a
    // client knows when it is subscribed.
    if (cursor.established)
    {
        request += "since=";
        request += cursor.position;
        request += "&timeout=";
        request += std::to_string(_pollTimeoutSeconds);
    }
    else
        request += "timeout=0";
    request += " HTTP/1.1\r\nHost: ";
    request += target.hostHeader();
    request += "\r\nAccept: application/json\r\nUser-Agent: feedhub-bench\r\n\r\n";
    return request;
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
        // The handler keeps each event's data text (the raw string for string
        // data) and the cursor, without a DOM. Events are handed on only once
        // the whole answer parsed, so a bad answer delivers nothing.
        if (!_lastParsedBody || body != *_lastParsedBody)
        {
            _lastParsedBody.reset();
            _parser->reset();
            _parser->parse(body);
            _batchHandler->finish();
            _lastParsedBody = body;
        }
        const HubPollBatchHandler& batch = *_batchHandler;
        for (size_t i = 0; i < batch.eventCount(); ++i)
            onEventData(batch.eventData(i));
        cursor.position = batch.cursor();
        cursor.established = true;
        return batch.truncated() ? PollOutcome::EventsTruncated : PollOutcome::Events;
    }
    catch (const std::exception&)
    {
        // Poco::JSON::JSONException for malformed JSON or a missing or
        // ill-typed member; Poco::SyntaxException for an unreadable number.
        return PollOutcome::Failed;
    }
}

} // namespace feedhub::bench
