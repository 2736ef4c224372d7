//
// TaskStatusFeed.h
//
// Definition of the TaskStatusFeed class.
//

#ifndef feedhub_task_status_TaskStatusFeed_INCLUDED
#define feedhub_task_status_TaskStatusFeed_INCLUDED

#include "TaskBoard.h"
#include "feedhub/Feed.h"
#include "feedhub/FeedContext.h"
#include <memory>

namespace feedhub::task_status
{

class TaskStatusFeed : public Feed
    /// Named tasks with a status and a version, kept in the feed's state. Updated with
    /// POST update_path (bearer token), read with GET list_path, and waited
    /// for with GET poll_path (long polling); every change is also a
    /// "task_status" event {"task","status","version","time"} on the topic.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(FeedContext& context) override;

    TaskBoard& board() { return *_board; }
    const std::string& topic() const { return _topic; }
    const std::string& defaultTask() const { return _defaultTask; }
    const std::string& token() const { return _token; }
    Poco::Timespan pollTimeout() const { return _pollTimeout; }

private:
    std::string _topic;
    TaskBoard::Limits _limits;
    std::vector<std::string> _declaredTasks;
    std::string _defaultTask;
    std::string _token;
    std::string _updatePath;
    std::string _pollPath;
    std::string _listPath;
    Poco::Timespan _pollTimeout;
    std::unique_ptr<TaskBoard> _board;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskStatusFeed_INCLUDED
