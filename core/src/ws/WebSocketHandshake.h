//
// WebSocketHandshake.h
//
// Definition of the WebSocketHandshake class.
//

#ifndef feedhub_WebSocketHandshake_INCLUDED
#define feedhub_WebSocketHandshake_INCLUDED

#include "feedhub/HttpRequest.h"
#include "feedhub/HttpResponse.h"
#include <optional>
#include <string>

namespace feedhub
{

class WebSocketHandshake
    /// The hub's side of the RFC 6455 opening handshake (section 4.2).
{
public:
    static std::optional<HttpResponse> refusal(const HttpRequest& request);
        /// Why the request is no WebSocket upgrade the hub takes: 400 with a
        /// JSON error, or 426 with Sec-WebSocket-Version: 13 for another
        /// version. Empty for a valid upgrade.

    static std::string acceptKey(const std::string& key);
        /// Sec-WebSocket-Accept for a Sec-WebSocket-Key: the Base64 SHA-1 of
        /// the key followed by the RFC's GUID.

    static std::string switchingProtocols(const std::string& key);
        /// The 101 answer's head for a valid request's Sec-WebSocket-Key.

    static const std::string VERSION;
};

} // namespace feedhub

#endif // feedhub_WebSocketHandshake_INCLUDED
