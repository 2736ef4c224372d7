//
// EventStreamHandler.cpp
//

#include "sse/EventStreamHandler.h"
#include "Poco/Net/HTTPServerRequestImpl.h"
#include "routes/QueryTopics.h"
#include "bus/EventCursor.h"
#include "sse/EventStreamConnection.h"
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

EventStreamHandler::EventStreamHandler(Hub& hub, std::vector<std::string> defaultTopics)
    : RouteHandler("GET", hub.settings().corsOrigin), _hub(hub), _defaultTopics(std::move(defaultTopics))
{
}

void EventStreamHandler::handle(Poco::Net::HTTPServerRequest& request,
                                Poco::Net::HTTPServerResponse& response)
{
    const Poco::URI::QueryParameters parameters = Poco::URI(request.getURI()).getQueryParameters();
    const std::vector<std::string> topics = QueryTopics::read(parameters, _defaultTopics, _hub.settings());

    EventStreamConnection::Options options;
    options.retryMs = _hub.settings().retryMs;
    options.outboxLimit = _hub.settings().outboxLimitBytes;
    options.greetings = &_hub.greetings();
    // Browsers send the header on reconnect; a first connection can only use the parameter.
    std::string lastId = request.get("Last-Event-ID", "");
    if (lastId.empty())
        lastId = QueryTopics::parameter(parameters, "lastEventId");
    if (!lastId.empty())
        options.resumeAfter = EventCursor::parse(lastId);

    ConnectionLimit::Slot slot = _hub.reserveConnection();

    response.setStatusAndReason(HTTPResponse::HTTP_OK);
    response.setContentType("text/event-stream; charset=utf-8");
    response.set("Cache-Control", "no-cache");
    response.set("X-Accel-Buffering", "no");
    // The stream ends when the connection does, so no length and no chunking.
    response.setKeepAlive(false);
    std::ostringstream head;
    response.write(head);
    options.responseHead = head.str();

    Poco::Net::StreamSocket socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).detachSocket();
    _hub.nextLoop().adopt(std::make_unique<EventStreamConnection>(std::move(socket), std::move(slot), topics,
                                                                  std::move(options)));
}

} // namespace feedhub
