//
// RequestBody.h
//
// Definition of the RequestBody class.
//

#ifndef feedhub_RequestBody_INCLUDED
#define feedhub_RequestBody_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Handler.h"
#include "Poco/Net/HTTPServerRequest.h"
#include <string>

namespace feedhub
{

class RequestBody
    /// Reads request bodies within a size limit.
{
public:
    static std::string read(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);
        /// Throws HttpError 413 if the body is larger than maxBytes, whether
        /// it has a Content-Length or is chunked.

    static Poco::Dynamic::Var readJson(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);
        /// Reads and parses a JSON body; throws HttpError 400 naming the
        /// parse error, or 415 if the Content-Type is not JSON.

    static Poco::Dynamic::Var parseJson(const std::string& body);
        /// Parses a body already read; throws HttpError 400 naming the parse
        /// error.

    static void parseJson(const std::string& body, const Poco::JSON::Handler::Ptr& handler);
        /// Parses a body already read into the given handler, as Poco's
        /// parser walks it; throws HttpError 400 naming the parse error.
};

} // namespace feedhub

#endif // feedhub_RequestBody_INCLUDED
