//
// LongPollHandler.cpp
//

#include "poll/LongPollHandler.h"
#include "poll/PollQuery.h"
#include <algorithm>

namespace feedhub
{

const std::string LongPollHandler::PATH = "/poll";

LongPollHandler::LongPollHandler(Hub& hub) : RouteHandler("GET"), _hub(hub) {}

void LongPollHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    const PollQuery query = PollQuery::read(request, _hub.settings());
    Poco::Timespan timeout = query.timeout;
    // A poll waits no longer than its token is valid; the next one needs a fresh token.
    if (const std::optional<Poco::Timestamp> expiry = _hub.authorizer().authorizeSubscribe(request, query.topics))
        timeout = std::max(Poco::Timespan(), std::min(timeout, Poco::Timespan(*expiry - Poco::Timestamp())));
    reply->park(query.waiter(_hub.bus()), timeout);
}

} // namespace feedhub
