//
// RequestRouter.h
//
// Definition of the RequestRouter class.
//

#ifndef feedhub_RequestRouter_INCLUDED
#define feedhub_RequestRouter_INCLUDED

#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>

namespace feedhub
{

class RequestRouter : public Poco::Net::HTTPRequestHandlerFactory
    /// Maps request paths to handlers. Routes can be mounted and unmounted
    /// while the server runs (feeds come and go on reload).
{
public:
    using HandlerFactory = std::function<Poco::Net::HTTPRequestHandler*(const Poco::Net::HTTPServerRequest&)>;

    explicit RequestRouter(std::string corsOrigin);

    void mount(const std::string& path, HandlerFactory factory);
        /// Serves requests whose path is exactly path. Throws
        /// Poco::ExistsException if the path is taken.

    void unmount(const std::string& path);

    void setFallback(HandlerFactory factory);
        /// Serves paths no route matches (static files); without one they get
        /// a JSON 404.

    bool isMounted(const std::string& path) const;

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    std::string _corsOrigin;
    mutable std::shared_mutex _mutex;
    std::map<std::string, HandlerFactory> _routes;
    HandlerFactory _fallback;
};

} // namespace feedhub

#endif // feedhub_RequestRouter_INCLUDED
