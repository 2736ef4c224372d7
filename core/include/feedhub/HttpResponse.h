//
// HttpResponse.h
//
// Definition of the HttpResponse class.
//

#ifndef feedhub_HttpResponse_INCLUDED
#define feedhub_HttpResponse_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/NameValueCollection.h"
#include "feedhub/Export.h"
#include <string>

namespace feedhub
{

class FEEDHUB_API HttpResponse
    /// An answer a route gives: status, its own headers and a body.
    ///
    /// The hub adds what every answer carries (Date, Server, the CORS header,
    /// Content-Length, Connection, and Cache-Control: no-store unless the
    /// route set a Cache-Control of its own), so a route sets only what is
    /// particular to it.
{
public:
    using Status = Poco::Net::HTTPResponse::HTTPStatus;

    explicit HttpResponse(Status status = Poco::Net::HTTPResponse::HTTP_OK);

    static HttpResponse json(Status status, const Poco::Dynamic::Var& body);
        /// A JSON body written by Poco's stringifier.
    static HttpResponse jsonText(Status status, std::string json);
        /// A JSON body the caller has already written.
    static HttpResponse error(Status status, const std::string& message);
        /// {"error": message}.

    HttpResponse& set(const std::string& header, const std::string& value);
    HttpResponse& setBody(std::string body, const std::string& contentType);
        /// The body and its Content-Type (none for an empty contentType).

    Status status() const { return _status; }
    const Poco::Net::NameValueCollection& headers() const { return _headers; }
    const std::string& body() const { return _body; }

private:
    Status _status;
    Poco::Net::NameValueCollection _headers;
    std::string _body;
};

} // namespace feedhub

#endif // feedhub_HttpResponse_INCLUDED
