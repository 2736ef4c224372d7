//
// RouteHandler.h
//
// Definition of the RouteHandler class.
//

#ifndef feedhub_RouteHandler_INCLUDED
#define feedhub_RouteHandler_INCLUDED

#include "feedhub/Export.h"
#include "feedhub/HttpRequest.h"
#include "feedhub/Reply.h"
#include <string>
#include <vector>

namespace feedhub
{

class FEEDHUB_API RouteHandler
    /// Serves the requests of one route, the hub's own and the feeds'.
    ///
    /// One instance serves every request of its route, possibly several at
    /// once on different threads. The hub answers CORS preflights (OPTIONS)
    /// and refuses other methods than the route's with 405 before handle()
    /// is called, and turns what handle() throws into a JSON error: HttpError
    /// keeps its status, Poco::InvalidArgumentException and
    /// Poco::SyntaxException become 400, anything else 500 (logged).
{
public:
    explicit RouteHandler(const std::string& methods);
        /// methods is a comma-separated list, e.g. "GET" or "GET, POST".
    virtual ~RouteHandler();

    virtual void handle(const HttpRequest& request, const ReplyPtr& reply) = 0;
        /// Answers the request through reply (see Reply). Feed routes are
        /// called on a worker thread and may block briefly (a database
        /// write); the hub's own routes run on its event loops.

    bool allows(const std::string& method) const;
    const std::string& methods() const { return _methodList; }
        /// As given, for the Allow header.

private:
    std::vector<std::string> _methods;
    std::string _methodList;
};

} // namespace feedhub

#endif // feedhub_RouteHandler_INCLUDED
