//
// RouteCall.h
//
// Definition of the RouteCall class.
//

#ifndef feedhub_RouteCall_INCLUDED
#define feedhub_RouteCall_INCLUDED

#include "feedhub/RouteHandler.h"
#include <string>

namespace feedhub
{

class RouteCall
    /// Calls a route handler and turns what it throws into the JSON error
    /// its reply sends, in the one place every route goes through.
{
public:
    static void run(RouteHandler& handler, const HttpRequest& request, const ReplyPtr& reply);

    struct Failure
    {
        HttpResponse response;
            /// The JSON error, with the headers its status calls for.
        std::string message;
            /// The error's text, for an answer that is not HTTP (a WebSocket's).
    };

    static Failure failure(const HttpRequest& request);
        /// What the exception being handled answers request with: call it in
        /// a catch block. A status it carries (HttpError, 400 for bad input)
        /// or, logged, 500.

private:
    static Failure internalError(const HttpRequest& request, const std::string& what);
};

} // namespace feedhub

#endif // feedhub_RouteCall_INCLUDED
