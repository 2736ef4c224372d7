//
// WebSocketHandler.cpp
//

#include "ws/WebSocketHandler.h"
#include "http/HttpConnection.h"
#include "ws/WebSocketHandshake.h"

namespace feedhub
{

const std::string WebSocketHandler::PATH = "/ws";

WebSocketHandler::WebSocketHandler() : RouteHandler("GET") {}

void WebSocketHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    // Topics come in subscribe messages, never in the query; a token may, as
    // a browser's WebSocket cannot set a header.
    request.allowQuery({"token"});
    if (std::optional<HttpResponse> refusal = WebSocketHandshake::refusal(request))
    {
        reply->send(*refusal);
        return;
    }
    HttpConnection::of(*reply).openWebSocket(
        WebSocketHandshake::switchingProtocols(request.get("Sec-WebSocket-Key", std::string())));
}

} // namespace feedhub
