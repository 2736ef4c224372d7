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
    : RouteHandler("GET"), _feed(feed), _context(context)
{
}

void PollStatusHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({"task", "last_version"});
    std::string task = _feed.defaultTask();
    // A client that has seen nothing may say so with any version below the
    // current one, negative included: it gets the current status at once.
    Poco::Int64 lastVersion = -1;
    for (const auto& [name, value] : request.query())
    {
        if (name == "task" && !value.empty())
            task = value;
        else if (name == "last_version" && !Poco::NumberParser::tryParse64(value, lastVersion))
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "last_version must be a whole number");
    }
    TaskBoard::checkTaskName(task);
    reply->park(std::make_unique<TaskVersionWaiter>(_feed.board(), _feed.topic(), task, lastVersion),
                _feed.pollTimeout());
}

} // namespace feedhub::task_status
