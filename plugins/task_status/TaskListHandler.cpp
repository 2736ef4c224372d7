//
// TaskListHandler.cpp
//

#include "TaskListHandler.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "TaskStatusFeed.h"

namespace feedhub::task_status
{

TaskListHandler::TaskListHandler(TaskStatusFeed& feed)
    : RouteHandler("GET"), _feed(feed)
{
}

void TaskListHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    Poco::JSON::Array::Ptr tasks = new Poco::JSON::Array;
    for (const TaskState& state : _feed.board().all())
        tasks->add(state.toJson());
    Poco::JSON::Array::Ptr statuses = new Poco::JSON::Array;
    for (const std::string& status : _feed.board().statuses())
        statuses->add(status);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("tasks", tasks);
    body->set("statuses", statuses);
    reply->send(HttpResponse::json(Poco::Net::HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub::task_status
