//
// CorsPolicy.h
//
// Definition of the CorsPolicy class.
//

#ifndef feedhub_CorsPolicy_INCLUDED
#define feedhub_CorsPolicy_INCLUDED

#include "feedhub/HttpRequest.h"
#include "feedhub/RouteHandler.h"
#include <string>
#include <vector>

namespace feedhub
{

class CorsPolicy
    /// Which other sites' pages may use a route. Routes that only read
    /// (subscribing, files) answer with [server] cors_origin. Input routes
    /// (/publish, a feed's POST routes) answer cross-origin requests only from
    /// [auth] publish_origins: any other Origin is refused before the route
    /// runs, so a page elsewhere cannot publish through a visitor's browser,
    /// not even with a "simple" form post that needs no preflight.
{
public:
    CorsPolicy(std::string corsOrigin, std::vector<std::string> publishOrigins);

    static bool isInputRoute(const RouteHandler& route);
        /// A route taking any method besides GET and HEAD.

    std::string allowOrigin(const HttpRequest& request, bool inputRoute) const;
        /// The Access-Control-Allow-Origin to answer with ("" for none).
    bool refuses(const HttpRequest& request, bool inputRoute) const;
        /// Whether an input route must refuse the request's Origin (403).

private:
    bool sameOrigin(const HttpRequest& request, const std::string& origin) const;
    bool listed(const std::string& origin) const;

    std::string _corsOrigin;
    std::vector<std::string> _publishOrigins;
};

} // namespace feedhub

#endif // feedhub_CorsPolicy_INCLUDED
