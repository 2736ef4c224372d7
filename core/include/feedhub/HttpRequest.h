//
// HttpRequest.h
//
// Definition of the HttpRequest class.
//

#ifndef feedhub_HttpRequest_INCLUDED
#define feedhub_HttpRequest_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/URI.h"
#include "feedhub/Export.h"
#include <initializer_list>
#include <string>

namespace feedhub
{

class FEEDHUB_API HttpRequest
    /// One complete HTTP request as the hub read it: head and whole body.
    ///
    /// The hub has already checked its framing, its size limits, the method
    /// against the route's and answered CORS preflights, so a route sees only
    /// requests it may serve.
{
public:
    HttpRequest();

    void assign(Poco::Net::HTTPRequest& head, std::string body, const Poco::Net::SocketAddress& client);
        /// Takes a parsed head (its headers are moved out, head is left
        /// without them) and its body. Throws Poco::SyntaxException if the
        /// request target is not a valid URI.

    const std::string& method() const { return _head.getMethod(); }
    const std::string& target() const { return _head.getURI(); }
        /// The request target as sent: path and query.
    const std::string& path() const { return _uri.getPath(); }
        /// The decoded path.
    const std::string& rawQuery() const { return _uri.getRawQuery(); }
        /// The query as sent, without the "?".
    const Poco::URI::QueryParameters& query() const;
        /// The decoded query parameters in the order sent (decoded once, on first use).
    std::string queryValue(const std::string& name, const std::string& fallback = std::string()) const;
        /// The first value of a query parameter, or fallback.
    void allowQuery(std::initializer_list<const char*> names) const;
        /// Throws HttpError 400 naming the first query parameter that is not
        /// one of names, so that a typo is an error instead of being ignored.

    const Poco::Net::HTTPRequest& head() const { return _head; }
        /// Method, target, version and headers (a Poco::Net::NameValueCollection).
    bool has(const std::string& header) const { return _head.has(header); }
    std::string get(const std::string& header, const std::string& fallback) const;
        /// A copy, so that a temporary fallback cannot dangle.
    std::string bearerToken() const;
        /// The token of an "Authorization: Bearer" header, or "".
    bool bearerTokenIs(const std::string& expected) const;
        /// Whether the bearer token is expected (never when expected is
        /// empty), compared in constant time, length included: a feed's
        /// static token check.

    const std::string& body() const { return _body; }
    Poco::Dynamic::Var json() const;
        /// The body parsed as JSON. Throws HttpError 415 if the Content-Type
        /// is not application/json, 400 naming the parse error.

    const Poco::Net::SocketAddress& clientAddress() const { return _client; }

private:
    Poco::Net::HTTPRequest _head;
    Poco::URI _uri;
    std::string _body;
    Poco::Net::SocketAddress _client;
    mutable Poco::URI::QueryParameters _query;
    mutable bool _queryDecoded = false;
};

} // namespace feedhub

#endif // feedhub_HttpRequest_INCLUDED
