//
// WebSocketHandshake.cpp
//

#include "ws/WebSocketHandshake.h"
#include "Poco/Base64Decoder.h"
#include "Poco/Base64Encoder.h"
#include "Poco/SHA1Engine.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

const std::string GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// The key is 16 random bytes in Base64 (RFC 6455, 4.1).
constexpr std::size_t KEY_BYTES = 16;

bool listsToken(const std::string& header, const std::string& token)
{
    Poco::StringTokenizer tokens(header, ",",
                                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& each : tokens)
    {
        if (Poco::icompare(each, token) == 0)
            return true;
    }
    return false;
}

bool validKey(const std::string& key)
{
    if (key.size() != 24)
        return false;
    try
    {
        std::istringstream in(key);
        Poco::Base64Decoder decoder(in);
        std::string bytes((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
        return bytes.size() == KEY_BYTES;
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
}

} // namespace

const std::string WebSocketHandshake::VERSION = "13";

std::optional<HttpResponse> WebSocketHandshake::refusal(const HttpRequest& request)
{
    static const std::string none;
    if (!listsToken(request.get("Upgrade", none), "websocket"))
        return HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST,
                                   "this is a WebSocket endpoint: send Upgrade: websocket");
    if (!listsToken(request.get("Connection", none), "upgrade"))
        return HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST,
                                   "a WebSocket upgrade needs Connection: Upgrade");
    if (request.get("Sec-WebSocket-Version", none) != VERSION)
    {
        HttpResponse refused = HttpResponse::error(HTTPResponse::HTTP_UPGRADE_REQUIRED,
                                                   "the hub speaks WebSocket version " + VERSION + " only");
        refused.set("Sec-WebSocket-Version", VERSION);
        return refused;
    }
    if (!validKey(request.get("Sec-WebSocket-Key", none)))
        return HttpResponse::error(HTTPResponse::HTTP_BAD_REQUEST,
                                   "Sec-WebSocket-Key must be 16 bytes in Base64");
    return std::nullopt;
}

std::string WebSocketHandshake::acceptKey(const std::string& key)
{
    Poco::SHA1Engine sha1;
    sha1.update(key + GUID);
    const Poco::DigestEngine::Digest& digest = sha1.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

std::string WebSocketHandshake::switchingProtocols(const std::string& key)
{
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " +
           acceptKey(key) + "\r\n\r\n";
}

} // namespace feedhub
