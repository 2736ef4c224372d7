//
// LongPollHandler.cpp
//

#include "poll/LongPollHandler.h"
#include "poll/PollQuery.h"

namespace feedhub
{

const std::string LongPollHandler::PATH = "/poll";

LongPollHandler::LongPollHandler(Hub& hub) : RouteHandler("GET", hub.settings().corsOrigin), _hub(hub) {}

void LongPollHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const PollQuery query = PollQuery::read(Poco::URI(request.getURI()), _hub.settings());
    _hub.park(request, response, query.waiter(), query.timeout);
}

} // namespace feedhub
