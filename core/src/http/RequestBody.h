//
// RequestBody.h
//
// Definition of the RequestBody class.
//

#ifndef feedhub_RequestBody_INCLUDED
#define feedhub_RequestBody_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/JSON/Handler.h"
#include <string>

namespace feedhub
{

class RequestBody
    /// Parses JSON request bodies into clear 400 errors.
{
public:
    static Poco::Dynamic::Var parseJson(const std::string& body);
        /// Parses a body already read; throws HttpError 400 naming the parse
        /// error.

    static void parseJson(const std::string& body, const Poco::JSON::Handler::Ptr& handler);
        /// Parses a body already read into the given handler, as Poco's
        /// parser walks it; throws HttpError 400 naming the parse error.
};

} // namespace feedhub

#endif // feedhub_RequestBody_INCLUDED
