//
// RouteCall.h
//
// Definition of the RouteCall class.
//

#ifndef feedhub_RouteCall_INCLUDED
#define feedhub_RouteCall_INCLUDED

#include "feedhub/RouteHandler.h"

namespace feedhub
{

class RouteCall
    /// Calls a route handler and turns what it throws into the JSON error
    /// its reply sends, in the one place every route goes through.
{
public:
    static void run(RouteHandler& handler, const HttpRequest& request, const ReplyPtr& reply);
};

} // namespace feedhub

#endif // feedhub_RouteCall_INCLUDED
