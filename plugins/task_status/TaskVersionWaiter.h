//
// TaskVersionWaiter.h
//
// Definition of the TaskVersionWaiter class.
//

#ifndef feedhub_task_status_TaskVersionWaiter_INCLUDED
#define feedhub_task_status_TaskVersionWaiter_INCLUDED

#include "TaskBoard.h"
#include "feedhub/LongPollWaiter.h"

namespace feedhub::task_status
{

class TaskVersionWaiter : public LongPollWaiter
    /// A parked poll for one task: answers with the task's state as soon as
    /// its version is newer than the one the client has seen.
{
public:
    TaskVersionWaiter(const TaskBoard& board, std::string topic, std::string task, Poco::Int64 seenVersion);

    std::vector<std::string> topics() const override;
    std::optional<std::string> check() override;

private:
    const TaskBoard& _board;
    std::string _topic;
    std::string _task;
    Poco::Int64 _seenVersion;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskVersionWaiter_INCLUDED
