//
// EventStreamHandler.cpp
//

#include "sse/EventStreamHandler.h"
#include "routes/QueryTopics.h"
#include "bus/EventCursor.h"
#include "http/HttpConnection.h"
#include "sse/EventStreamConnection.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

EventStreamHandler::EventStreamHandler(Hub& hub, std::vector<std::string> defaultTopics)
    : RouteHandler("GET"), _hub(hub), _defaultTopics(std::move(defaultTopics))
{
}

void EventStreamHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({"topic", "lastEventId", "token"});
    const Poco::URI::QueryParameters& parameters = request.query();
    const std::vector<std::string> topics = QueryTopics::read(parameters, _defaultTopics, _hub.settings());
    const std::optional<Poco::Timestamp> tokenExpiry = _hub.authorizer().authorizeSubscribe(request, topics);

    EventStreamConnection::Options options;
    options.retryMs = _hub.settings().retryMs;
    options.outboxLimit = _hub.settings().outboxLimitBytes;
    options.greetings = &_hub.greetings();
    if (tokenExpiry)
        options.closeAt = Poco::Clock() + (*tokenExpiry - Poco::Timestamp());
    // Browsers send the header on reconnect; a first connection can only use the parameter.
    std::string lastId = request.get("Last-Event-ID", "");
    if (lastId.empty())
        lastId = QueryTopics::parameter(parameters, "lastEventId");
    if (!lastId.empty())
        options.resumeAfter = EventCursor::parse(lastId);

    HttpConnection::of(*reply).openEventStream(topics, std::move(options));
}

} // namespace feedhub
