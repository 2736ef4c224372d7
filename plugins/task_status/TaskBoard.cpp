//
// TaskBoard.cpp
//

#include "TaskBoard.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include "feedhub/HttpError.h"
#include <algorithm>
#include <cctype>

namespace feedhub::task_status
{

namespace
{

// Hubs racing on one task each retry after losing; past this many losses in
// a row the update is refused rather than spun on.
constexpr int MAX_ATTEMPTS = 50;

} // namespace

TaskBoard::TaskBoard(Limits limits, const std::vector<std::string>& declaredTasks, FeedState& state,
                     Listener listener)
    : _limits(std::move(limits)), _state(state), _listener(std::move(listener))
{
    if (_limits.statuses.empty())
        throw Poco::InvalidArgumentException("statuses: at least one status is needed");
    for (const std::string& task : declaredTasks)
    {
        checkTaskName(task);
        // Already stored (by an earlier start, or another hub): kept as it is.
        _state.put(TABLE, task, TaskState{task, _limits.statuses.front(), 1, Poco::Timestamp()}.toRecord(),
                   FeedState::ABSENT);
    }
    load();
}

void TaskBoard::load()
{
    for (const auto& [task, record] : _state.list(TABLE))
        keep(TaskState::fromRecord(task, record.value, record.version));
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
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt)
    {
        const std::optional<FeedState::Record> stored = _state.get(TABLE, task);
        if (!stored)
        {
            std::lock_guard<std::mutex> lock(_mutex);
            if (_tasks.count(task) == 0 && _tasks.size() >= _limits.maxTasks)
                throw Poco::InvalidArgumentException("the board holds its maximum of " +
                                                     Poco::NumberFormatter::format(_limits.maxTasks) +
                                                     " tasks; update an existing one");
        }
        const Poco::Int64 version = stored ? stored->version : FeedState::ABSENT;
        const TaskState state{task, status, version + 1, Poco::Timestamp()};
        if (_state.put(TABLE, task, state.toRecord(), version))
        {
            keep(state);
            _listener(state);
            return state;
        }
    }
    throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                    "task " + task + " is being updated by other hubs without pause; try again");
}

void TaskBoard::heard(const TaskState& state)
{
    keep(state);
}

void TaskBoard::keep(const TaskState& state)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto [it, added] = _tasks.emplace(state.task, state);
    if (!added && it->second.version < state.version)
        it->second = state;
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
