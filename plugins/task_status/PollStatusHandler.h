//
// PollStatusHandler.h
//
// Definition of the PollStatusHandler class.
//

#ifndef feedhub_task_status_PollStatusHandler_INCLUDED
#define feedhub_task_status_PollStatusHandler_INCLUDED

#include "feedhub/FeedContext.h"
#include "feedhub/RouteHandler.h"

namespace feedhub::task_status
{

class TaskStatusFeed;

class PollStatusHandler : public RouteHandler
    /// GET ?task=&last_version=N: answers {"task","status","version","time"}
    /// as soon as the task (the default task if none is named) has a version
    /// newer than N (0 if not given), at once if it already has; 204 if the
    /// poll times out first. The request waits on an event loop, not on a
    /// thread.
{
public:
    PollStatusHandler(TaskStatusFeed& feed, FeedContext& context);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    TaskStatusFeed& _feed;
    FeedContext& _context;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_PollStatusHandler_INCLUDED
