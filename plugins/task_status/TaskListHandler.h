//
// TaskListHandler.h
//
// Definition of the TaskListHandler class.
//

#ifndef feedhub_task_status_TaskListHandler_INCLUDED
#define feedhub_task_status_TaskListHandler_INCLUDED

#include "feedhub/FeedContext.h"
#include "feedhub/RouteHandler.h"

namespace feedhub::task_status
{

class TaskStatusFeed;

class TaskListHandler : public RouteHandler
    /// GET: {"tasks":[{"task","status","version","time"}...],"statuses":[...]},
    /// so a page can draw every task before it starts polling or listening.
{
public:
    explicit TaskListHandler(TaskStatusFeed& feed);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    TaskStatusFeed& _feed;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskListHandler_INCLUDED
