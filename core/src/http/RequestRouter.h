//
// RequestRouter.h
//
// Definition of the RequestRouter class.
//

#ifndef feedhub_RequestRouter_INCLUDED
#define feedhub_RequestRouter_INCLUDED

#include "feedhub/RouteHandler.h"
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>

namespace feedhub
{

class RequestRouter
    /// Maps request paths to route handlers and says where each runs. Routes
    /// can be mounted and unmounted while the hub runs (feeds come and go on
    /// reload).
{
public:
    enum class Runs
    {
        ON_LOOP,  /// never blocks: called on the connection's event loop
        ON_WORKER /// may block (disk, a database): called on a worker thread
    };

    struct Route
    {
        std::shared_ptr<RouteHandler> handler;
        Runs runs = Runs::ON_WORKER;
    };

    RequestRouter();

    void mount(const std::string& path, std::shared_ptr<RouteHandler> handler, Runs runs);
        /// Serves requests whose path is exactly path or, when path ends in
        /// "/", any path under it (the longest such prefix wins). Throws
        /// Poco::ExistsException if the path is taken.

    void unmount(const std::string& path);

    void setFallback(std::shared_ptr<RouteHandler> handler, Runs runs);
        /// Serves paths no route matches (static files); by default a JSON 404.

    bool isMounted(const std::string& path) const;

    Route find(const std::string& path) const;
        /// The route for path, or the fallback. Any thread.

private:
    mutable std::shared_mutex _mutex;
    std::map<std::string, Route> _routes;
    Route _fallback;
};

} // namespace feedhub

#endif // feedhub_RequestRouter_INCLUDED
