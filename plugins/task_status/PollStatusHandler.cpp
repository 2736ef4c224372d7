//
// PollStatusHandler.cpp
//

#include "PollStatusHandler.h"
#include "Poco/NumberParser.h"
#include "Poco/URI.h"
#include "TaskStatusFeed.h"
#include "TaskVersionWaiter.h"
#include "feedhub/HttpError.h"

namespace feedhub::task_status
{

using Poco::Net::HTTPResponse;

PollStatusHandler::PollStatusHandler(TaskStatusFeed& feed, FeedContext& context)
    : RouteHandler("GET", context.settings().corsOrigin), _feed(feed), _context(context)
{
}

void PollStatusHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    std::string task = _feed.defaultTask();
    Poco::Int64 lastVersion = 0;
    for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
    {
        if (name == "task" && !value.empty())
            task = value;
        else if (name == "last_version" &&
                 !(Poco::NumberParser::tryParse64(value, lastVersion) && lastVersion >= 0))
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                            "last_version must be a whole number of 0 or more");
    }
    TaskBoard::checkTaskName(task);
    _context.park(request, response,
                  std::make_unique<TaskVersionWaiter>(_feed.board(), _feed.topic(), task, lastVersion),
                  _feed.pollTimeout());
}

} // namespace feedhub::task_status
