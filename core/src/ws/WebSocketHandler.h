//
// WebSocketHandler.h
//
// Definition of the WebSocketHandler class.
//

#ifndef feedhub_WebSocketHandler_INCLUDED
#define feedhub_WebSocketHandler_INCLUDED

#include "feedhub/RouteHandler.h"

namespace feedhub
{

class WebSocketHandler : public RouteHandler
    /// GET /ws: checks the WebSocket handshake and turns the connection into
    /// a WebSocketConnection. Runs on the loop.
{
public:
    static const std::string PATH;

    WebSocketHandler();
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;
};

} // namespace feedhub

#endif // feedhub_WebSocketHandler_INCLUDED
