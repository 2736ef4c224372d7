//
// HttpRequest.cpp
//

#include "feedhub/HttpRequest.h"
#include "Poco/Net/MediaType.h"
#include "Poco/String.h"
#include "feedhub/HttpError.h"
#include "http/RequestBody.h"
#include "auth/ConstantTime.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

HttpRequest::HttpRequest() = default;

void HttpRequest::assign(Poco::Net::HTTPRequest& head, std::string body, const Poco::Net::SocketAddress& client)
{
    _head.setMethod(head.getMethod());
    _head.setURI(head.getURI());
    _head.setVersion(head.getVersion());
    // Swapped, not copied: the reader clears its head before the next one anyway.
    static_cast<Poco::Net::NameValueCollection&>(_head).swap(head);
    _uri = Poco::URI(_head.getURI());
    _body = std::move(body);
    _client = client;
    _query.clear();
    _queryDecoded = false;
}

const Poco::URI::QueryParameters& HttpRequest::query() const
{
    if (!_queryDecoded)
    {
        _query = _uri.getQueryParameters();
        _queryDecoded = true;
    }
    return _query;
}

std::string HttpRequest::queryValue(const std::string& name, const std::string& fallback) const
{
    for (const auto& [key, value] : query())
    {
        if (key == name)
            return value;
    }
    return fallback;
}

void HttpRequest::allowQuery(std::initializer_list<const char*> names) const
{
    for (const auto& parameter : query())
    {
        bool known = false;
        for (const char* name : names)
            known = known || parameter.first == name;
        if (known)
            continue;
        std::string takes;
        for (const char* name : names)
            takes += (takes.empty() ? "" : ", ") + std::string(name);
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "unknown query parameter '" + parameter.first + "': " + path() +
                            (takes.empty() ? " takes no query parameters" : " takes " + takes));
    }
}

std::string HttpRequest::get(const std::string& header, const std::string& fallback) const
{
    return _head.get(header, fallback);
}

std::string HttpRequest::bearerToken() const
{
    const std::string authorization = _head.get(Poco::Net::HTTPRequest::AUTHORIZATION, "");
    const std::size_t space = authorization.find(' ');
    if (space == std::string::npos || Poco::icompare(authorization.substr(0, space), "Bearer") != 0)
        return std::string();
    return Poco::trim(authorization.substr(space + 1));
}

bool HttpRequest::bearerTokenIs(const std::string& expected) const
{
    return ConstantTime::equals(bearerToken(), expected);
}

Poco::Dynamic::Var HttpRequest::json() const
{
    const Poco::Net::MediaType type(_head.getContentType());
    if (!type.matches("application", "json"))
        throw HttpError(HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type must be application/json (send the header with the JSON body)");
    return RequestBody::parseJson(_body);
}

} // namespace feedhub
