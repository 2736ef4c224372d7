//
// RequestBody.cpp
//

#include "feedhub/RequestBody.h"
#include "Poco/JSON/JSONException.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/MediaType.h"
#include "Poco/NumberFormatter.h"
#include "feedhub/HttpError.h"
#include <istream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

// Closing a connection with unread bytes resets it, and the client may then
// lose the answer; so this much of an oversized body is read and dropped first.
constexpr std::streamsize MAX_DRAINED = 1 << 20;

[[noreturn]] void refuseTooLarge(std::istream& in, std::size_t maxBytes)
{
    in.ignore(MAX_DRAINED);
    const std::string limit = Poco::NumberFormatter::format(maxBytes);
    throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                    "request body is larger than the limit of " + limit + " bytes");
}

} // namespace

std::string RequestBody::read(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes)
{
    std::istream& in = request.stream();
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(maxBytes))
        refuseTooLarge(in, maxBytes);
    std::string body;
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    {
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > maxBytes)
            refuseTooLarge(in, maxBytes);
    }
    return body;
}

Poco::Dynamic::Var RequestBody::readJson(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes)
{
    const Poco::Net::MediaType type(request.getContentType());
    if (!type.matches("application", "json"))
        throw HttpError(HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    return parseJson(read(request, maxBytes));
}

Poco::Dynamic::Var RequestBody::parseJson(const std::string& body)
{
    const Poco::JSON::Handler::Ptr handler = new Poco::JSON::ParseHandler;
    parseJson(body, handler);
    return handler->asVar();
}

void RequestBody::parseJson(const std::string& body, const Poco::JSON::Handler::Ptr& handler)
{
    try
    {
        Poco::JSON::Parser(handler).parse(body);
    }
    catch (const Poco::Exception& exc)
    {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "malformed JSON: " + exc.message());
    }
}

} // namespace feedhub
