//
// RequestRouter.cpp
//

#include "http/RequestRouter.h"
#include "Poco/Exception.h"
#include "feedhub/HttpError.h"
#include <mutex>

namespace feedhub
{

namespace
{

class NotFoundHandler : public RouteHandler
{
public:
    NotFoundHandler() : RouteHandler("GET, HEAD, POST, PUT, PATCH, DELETE") {}

    void handle(const HttpRequest& request, const ReplyPtr&) override
    {
        throw HttpError(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "no route for " + request.path());
    }
};

} // namespace

RequestRouter::RequestRouter() : _fallback{std::make_shared<NotFoundHandler>(), Runs::ON_LOOP} {}

void RequestRouter::mount(const std::string& path, std::shared_ptr<RouteHandler> handler, Runs runs)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    if (!_routes.emplace(path, Route{std::move(handler), runs}).second)
        throw Poco::ExistsException("route " + path + " is already mounted");
}

void RequestRouter::unmount(const std::string& path)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    _routes.erase(path);
}

void RequestRouter::setFallback(std::shared_ptr<RouteHandler> handler, Runs runs)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    _fallback = Route{std::move(handler), runs};
}

bool RequestRouter::isMounted(const std::string& path) const
{
    std::shared_lock<std::shared_mutex> lock(_mutex);
    return _routes.count(path) != 0;
}

RequestRouter::Route RequestRouter::find(const std::string& path) const
{
    std::shared_lock<std::shared_mutex> lock(_mutex);
    auto it = _routes.find(path);
    if (it != _routes.end())
        return it->second;
    // A mounted folder ("/api/docs/") serves the paths under it: try the
    // path's own folders, deepest first.
    for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
         slash = path.rfind('/', slash - 1))
    {
        it = _routes.find(path.substr(0, slash + 1));
        if (it != _routes.end())
            return it->second;
    }
    return _fallback;
}

} // namespace feedhub
