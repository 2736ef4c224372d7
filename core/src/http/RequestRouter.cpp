//
// RequestRouter.cpp
//

#include "http/RequestRouter.h"
#include "Poco/Exception.h"
#include "Poco/URI.h"
#include "feedhub/HttpError.h"
#include "feedhub/RouteHandler.h"
#include <mutex>

namespace feedhub
{

namespace
{

class NotFoundHandler : public RouteHandler
{
public:
    explicit NotFoundHandler(const std::string& corsOrigin)
        : RouteHandler("GET, HEAD, POST, PUT, DELETE", corsOrigin)
    {
    }

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse&) override
    {
        throw HttpError(Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                        "no route for " + Poco::URI(request.getURI()).getPath());
    }
};

} // namespace

RequestRouter::RequestRouter(std::string corsOrigin) : _corsOrigin(std::move(corsOrigin)) {}

void RequestRouter::mount(const std::string& path, HandlerFactory factory)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    if (!_routes.emplace(path, std::move(factory)).second)
        throw Poco::ExistsException("route " + path + " is already mounted");
}

void RequestRouter::unmount(const std::string& path)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    _routes.erase(path);
}

void RequestRouter::setFallback(HandlerFactory factory)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    _fallback = std::move(factory);
}

bool RequestRouter::isMounted(const std::string& path) const
{
    std::shared_lock<std::shared_mutex> lock(_mutex);
    return _routes.count(path) != 0;
}

Poco::Net::HTTPRequestHandler*
RequestRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    std::string path;
    try
    {
        path = Poco::URI(request.getURI()).getPath();
    }
    catch (const Poco::SyntaxException&)
    {
        return new NotFoundHandler(_corsOrigin);
    }
    std::shared_lock<std::shared_mutex> lock(_mutex);
    auto it = _routes.find(path);
    if (it != _routes.end())
        return it->second(request);
    if (_fallback)
        return _fallback(request);
    return new NotFoundHandler(_corsOrigin);
}

} // namespace feedhub
