//
// LongPollHandler.cpp
//

#include "poll/LongPollHandler.h"
#include "poll/PollQuery.h"

namespace feedhub
{

const std::string LongPollHandler::PATH = "/poll";

LongPollHandler::LongPollHandler(Hub& hub) : RouteHandler("GET"), _hub(hub) {}

void LongPollHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    const PollQuery query = PollQuery::read(request, _hub.settings());
    reply->park(query.waiter(_hub.bus()), query.timeout);
}

} // namespace feedhub
