//
// EventStreamHandler.h
//
// Definition of the EventStreamHandler class.
//

#ifndef feedhub_EventStreamHandler_INCLUDED
#define feedhub_EventStreamHandler_INCLUDED

#include "hub/Hub.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class EventStreamHandler : public RouteHandler
    /// GET /events?topic=a&topic=b[&lastEventId=]: checks the request and
    /// turns its connection into an event stream. Runs on the loop.
{
public:
    EventStreamHandler(Hub& hub, std::vector<std::string> defaultTopics);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    Hub& _hub;
    std::vector<std::string> _defaultTopics;
};

} // namespace feedhub

#endif // feedhub_EventStreamHandler_INCLUDED
