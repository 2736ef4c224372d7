//
// TaskBoard.cpp
//

#include "TaskBoard.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include <algorithm>
#include <cctype>

namespace feedhub::task_status
{

TaskBoard::TaskBoard(Limits limits, const std::vector<std::string>& declaredTasks,
                     std::unique_ptr<TaskStore> store, Listener listener)
    : _limits(std::move(limits)), _store(std::move(store)), _listener(std::move(listener))
{
    if (_limits.statuses.empty())
        throw Poco::InvalidArgumentException("statuses: at least one status is needed");
    for (TaskState& state : _store->load())
        _tasks.emplace(state.task, std::move(state));
    for (const std::string& task : declaredTasks)
    {
        checkTaskName(task);
        if (_tasks.count(task) != 0)
            continue;
        TaskState state{task, _limits.statuses.front(), 1, Poco::Timestamp()};
        _store->save(state);
        _tasks.emplace(task, std::move(state));
    }
}

void TaskBoard::checkTaskName(const std::string& task)
{
    const bool valid =
        !task.empty() && task.size() <= 64 && std::all_of(task.begin(), task.end(), [](unsigned char c) {
            return std::isalnum(c) || c == '_' || c == '.' || c == '-';
        });
    if (!valid)
        throw Poco::InvalidArgumentException("\"task\" must be 1 to 64 of A-Z a-z 0-9 _ . -");
}

TaskState TaskBoard::update(const std::string& task, const std::string& status)
{
    checkTaskName(task);
    if (std::find(_limits.statuses.begin(), _limits.statuses.end(), status) == _limits.statuses.end())
        throw Poco::InvalidArgumentException(
            "\"status\" must be one of: " +
            Poco::cat(std::string(", "), _limits.statuses.begin(), _limits.statuses.end()));

    std::lock_guard<std::mutex> updating(_updateMutex);
    TaskState state;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        auto it = _tasks.find(task);
        if (it == _tasks.end() && _tasks.size() >= _limits.maxTasks)
            throw Poco::InvalidArgumentException("the board holds its maximum of " +
                                                 Poco::NumberFormatter::format(_limits.maxTasks) +
                                                 " tasks; update an existing one");
        state = TaskState{task, status, it == _tasks.end() ? 1 : it->second.version + 1, Poco::Timestamp()};
    }
    _store->save(state);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _tasks[task] = state;
    }
    _listener(state);
    return state;
}

std::optional<TaskState> TaskBoard::find(const std::string& task) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _tasks.find(task);
    if (it == _tasks.end())
        return std::nullopt;
    return it->second;
}

std::vector<TaskState> TaskBoard::all() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<TaskState> states;
    for (const auto& entry : _tasks)
        states.push_back(entry.second);
    return states;
}

} // namespace feedhub::task_status
