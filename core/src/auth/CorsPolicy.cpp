//
// CorsPolicy.cpp
//

#include "auth/CorsPolicy.h"

namespace feedhub
{

CorsPolicy::CorsPolicy(std::string corsOrigin, std::vector<std::string> publishOrigins)
    : _corsOrigin(std::move(corsOrigin)), _publishOrigins(std::move(publishOrigins))
{
}

bool CorsPolicy::isInputRoute(const RouteHandler& route)
{
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE"})
    {
        if (route.allows(method))
            return true;
    }
    return false;
}

std::string CorsPolicy::allowOrigin(const HttpRequest& request, bool inputRoute) const
{
    if (!inputRoute)
        return _corsOrigin;
    const std::string origin = request.get("Origin", "");
    return !origin.empty() && listed(origin) ? origin : std::string();
}

bool CorsPolicy::refuses(const HttpRequest& request, bool inputRoute) const
{
    if (!inputRoute || !request.has("Origin"))
        return false;
    const std::string origin = request.get("Origin", "");
    return !sameOrigin(request, origin) && !listed(origin);
}

bool CorsPolicy::sameOrigin(const HttpRequest& request, const std::string& origin) const
{
    // Browsers send Origin on same-origin POSTs too: the dashboard's own page.
    const std::string host = request.get("Host", "");
    return !host.empty() && (origin == "http://" + host || origin == "https://" + host);
}

bool CorsPolicy::listed(const std::string& origin) const
{
    for (const std::string& allowed : _publishOrigins)
    {
        if (allowed == origin)
            return true;
    }
    return false;
}

} // namespace feedhub
