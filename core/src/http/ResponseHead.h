//
// ResponseHead.h
//
// Definition of the ResponseHead class.
//

#ifndef feedhub_ResponseHead_INCLUDED
#define feedhub_ResponseHead_INCLUDED

#include "feedhub/HttpResponse.h"
#include <string>

namespace feedhub
{

class ResponseHead
    /// Writes every answer of the hub, so that all carry the same headers:
    /// HTTP/1.1 whatever the request's version, Date, Server, the CORS
    /// header, the route's own headers, Cache-Control: no-store unless the
    /// route set one, Content-Length and Connection.
{
public:
    struct Framing
    {
        bool keepAlive = true;
        bool headOnly = false; /// a HEAD request: the length of the body, not the body
        bool streaming = false; /// a stream that ends with the connection: no Content-Length
    };

    static std::string write(const HttpResponse& response, const std::string& corsOrigin, const Framing& framing);
        /// The whole answer: head and (unless headOnly) body.

    static const std::string& date();
        /// The current HTTP date, formatted once a second per thread.
};

} // namespace feedhub

#endif // feedhub_ResponseHead_INCLUDED
