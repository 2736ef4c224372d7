//
// PublishBodyFuzzer.cpp
//
// libFuzzer harness for PublishRequest::read: arbitrary bytes as the body of
// a POST /publish, of the kind the first byte picks (modulo the number of
// kinds, so that the digits 0 to 7 pick them in order in a seed file).
//

#include "Poco/Exception.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/URI.h"
#include "feedhub/HttpError.h"
#include "feedhub/HttpRequest.h"
#include "publish/PublishRequest.h"
#include <cstddef>
#include <cstdint>
#include <string>

namespace
{

struct BodyKind
{
    const char* contentType;
    bool queryFirst;
        /// Whether the input's first line is the query string (the raw kind,
        /// topic in the query); else the query is empty.
};

const BodyKind KINDS[] = {
    {"application/json", false},
    {"application/json; charset=utf-8", false},
    {"application/x-www-form-urlencoded", false},
    {"application/x-www-form-urlencoded; charset=utf-8", false},
    {"text/plain", true},
    {"application/octet-stream", true},
    {"application/json", true},
    // Refused with 415: neither a known body nor a topic in the query.
    {"text/plain", false},
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const BodyKind& kind = KINDS[data[0] % (sizeof KINDS / sizeof KINDS[0])];
    std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    Poco::URI uri("/publish");
    if (kind.queryFirst)
    {
        const std::size_t end = body.find('\n');
        uri.setRawQuery(body.substr(0, end));
        body.erase(0, end == std::string::npos ? body.size() : end + 1);
    }
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery());
    request.setContentType(kind.contentType);
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    // HttpError (400, 415) and Poco's exceptions are how read() refuses a
    // body; anything else escapes and is reported as a crash.
    try
    {
        feedhub::HttpRequest parsed;
        parsed.assign(request, body, Poco::Net::SocketAddress());
        feedhub::PublishRequest::read(parsed);
    }
    catch (const feedhub::HttpError&)
    {
    }
    catch (const Poco::Exception&)
    {
    }
    return 0;
}
