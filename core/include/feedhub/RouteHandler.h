//
// RouteHandler.h
//
// Definition of the RouteHandler class.
//

#ifndef feedhub_RouteHandler_INCLUDED
#define feedhub_RouteHandler_INCLUDED

#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include <string>

namespace feedhub
{

class RouteHandler : public Poco::Net::HTTPRequestHandler
    /// Base of every route the hub serves, its own and the feeds'.
    ///
    /// Adds the CORS header, answers preflight OPTIONS requests, refuses other
    /// methods with 405, and turns exceptions into JSON errors: HttpError keeps
    /// its status, Poco::InvalidArgumentException and Poco::SyntaxException
    /// become 400, anything else 500. A route only handles its success path.
{
public:
    RouteHandler(std::string allowedMethods, std::string corsOrigin);
        /// allowedMethods is a comma-separated list, e.g. "GET" or "GET, POST".

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    virtual void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) = 0;

private:
    bool allows(const std::string& method) const;

    std::string _allowedMethods;
    std::string _corsOrigin;
};

} // namespace feedhub

#endif // feedhub_RouteHandler_INCLUDED
