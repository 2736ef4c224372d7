//
// TaskVersionWaiter.cpp
//

#include "TaskVersionWaiter.h"
#include "feedhub/JsonText.h"

namespace feedhub::task_status
{

TaskVersionWaiter::TaskVersionWaiter(const TaskBoard& board, std::string topic, std::string task,
                                     Poco::Int64 seenVersion)
    : _board(board), _topic(std::move(topic)), _task(std::move(task)), _seenVersion(seenVersion)
{
}

std::vector<std::string> TaskVersionWaiter::topics() const
{
    return {_topic};
}

std::optional<std::string> TaskVersionWaiter::check()
{
    // The board changes before the event that wakes us is published, so it
    // already holds what the event announces.
    const std::optional<TaskState> state = _board.find(_task);
    if (state && state->version > _seenVersion)
        return JsonText::format(state->toJson());
    return std::nullopt;
}

} // namespace feedhub::task_status
