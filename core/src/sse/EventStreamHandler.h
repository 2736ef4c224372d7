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
    /// GET /events?topic=a&topic=b: checks the request, writes nothing itself,
    /// and hands the socket to an event loop, freeing this worker thread.
{
public:
    EventStreamHandler(Hub& hub, std::vector<std::string> defaultTopics);

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    Hub& _hub;
    std::vector<std::string> _defaultTopics;
};

} // namespace feedhub

#endif // feedhub_EventStreamHandler_INCLUDED
