//
// ResponseHead.cpp
//

#include "http/ResponseHead.h"
#include "Poco/DateTimeFormat.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include <ctime>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

// Room for the head of an answer, so that writing it allocates once.
constexpr std::size_t HEAD_RESERVE = 256;

bool hasBody(HTTPResponse::HTTPStatus status)
{
    return status != HTTPResponse::HTTP_NO_CONTENT && status != HTTPResponse::HTTP_NOT_MODIFIED &&
           status >= HTTPResponse::HTTP_OK;
}

} // namespace

const std::string& ResponseHead::date()
{
    thread_local std::time_t formattedSecond = 0;
    thread_local std::string formatted;
    const Poco::Timestamp now;
    if (now.epochTime() != formattedSecond)
    {
        formatted = Poco::DateTimeFormatter::format(now, Poco::DateTimeFormat::HTTP_FORMAT);
        formattedSecond = now.epochTime();
    }
    return formatted;
}

std::string ResponseHead::write(const HttpResponse& response, const std::string& corsOrigin,
                                const Framing& framing)
{
    // Written by hand rather than with HTTPResponse::write(): through an
    // ostream, with the date formatted anew, that was a large share of a
    // publish's cost.
    const HTTPResponse::HTTPStatus status = response.status();
    std::string bytes;
    bytes.reserve(HEAD_RESERVE + response.body().size());
    bytes += "HTTP/1.1 ";
    Poco::NumberFormatter::append(bytes, static_cast<int>(status));
    bytes += ' ';
    bytes += HTTPResponse::getReasonForStatus(status);
    bytes += "\r\nDate: ";
    bytes += date();
    bytes += "\r\nServer: feedhub";
    if (!corsOrigin.empty())
    {
        bytes += "\r\nAccess-Control-Allow-Origin: ";
        bytes += corsOrigin;
    }
    bool cacheControl = false;
    for (const auto& [name, value] : response.headers())
    {
        cacheControl = cacheControl || Poco::icompare(name, "Cache-Control") == 0;
        bytes += "\r\n";
        bytes += name;
        bytes += ": ";
        bytes += value;
    }
    if (!cacheControl)
        bytes += "\r\nCache-Control: no-store";
    if (hasBody(status) && !framing.streaming)
    {
        bytes += "\r\nContent-Length: ";
        Poco::NumberFormatter::append(bytes, static_cast<Poco::UInt64>(response.body().size()));
    }
    bytes += framing.keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
    if (!framing.headOnly)
        bytes += response.body();
    return bytes;
}

} // namespace feedhub
