//
// UpdateStatusHandler.h
//
// Definition of the UpdateStatusHandler class.
//

#ifndef feedhub_task_status_UpdateStatusHandler_INCLUDED
#define feedhub_task_status_UpdateStatusHandler_INCLUDED

#include "feedhub/FeedContext.h"
#include "feedhub/RouteHandler.h"

namespace feedhub::task_status
{

class TaskStatusFeed;

class UpdateStatusHandler : public RouteHandler
    /// POST {"task"?, "status"} with "Authorization: Bearer <token>": sets
    /// the task's status (the default task if none is named) and answers
    /// {"success":true,"task","status","version","time"}.
{
public:
    UpdateStatusHandler(TaskStatusFeed& feed, FeedContext& context);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    bool checkToken(const HttpRequest& request, const ReplyPtr& reply) const;
        /// False after answering 401.

    TaskStatusFeed& _feed;
    FeedContext& _context;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_UpdateStatusHandler_INCLUDED
