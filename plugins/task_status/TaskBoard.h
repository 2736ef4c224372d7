//
// TaskBoard.h
//
// Definition of the TaskBoard class.
//

#ifndef feedhub_task_status_TaskBoard_INCLUDED
#define feedhub_task_status_TaskBoard_INCLUDED

#include "TaskState.h"
#include "TaskStore.h"
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace feedhub::task_status
{

class TaskBoard
    /// The status of every task, kept in a TaskStore. Thread-safe.
    ///
    /// A task's status is one of a configured set; each accepted update is a
    /// change that raises its version by one, so a poller that saw version N
    /// knows whether it has missed something. Tasks are declared in hub.ini
    /// (they start at the first status, version 1) or created by their first
    /// update (version 1).
    ///
    /// Readers (find(), all()) never wait on the store: an update holds the
    /// lock they take only to read or replace a state in memory, not across
    /// its write to disk, so a long poll checked on an event loop never
    /// waits on SQLite.
{
public:
    using Listener = std::function<void(const TaskState&)>;

    struct Limits
    {
        std::vector<std::string> statuses;
        std::size_t maxTasks = 1000;
    };

    TaskBoard(Limits limits, const std::vector<std::string>& declaredTasks, std::unique_ptr<TaskStore> store,
              Listener listener);
        /// Loads the stored states and stores the declared tasks not among
        /// them. The listener hears every change, in version order (updates
        /// are taken one at a time); it may read the board.

    TaskState update(const std::string& task, const std::string& status);
        /// Sets the task's status and returns its new state. Throws
        /// Poco::InvalidArgumentException, changing nothing, if the status is
        /// not allowed (the message lists the allowed ones), the task name is
        /// invalid, or the board is full; a failed write changes nothing too.

    std::optional<TaskState> find(const std::string& task) const;

    std::vector<TaskState> all() const;
        /// By task name.

    const std::vector<std::string>& statuses() const { return _limits.statuses; }

    static void checkTaskName(const std::string& task);
        /// Throws Poco::InvalidArgumentException unless task is 1 to 64 of
        /// A-Z a-z 0-9 _ . -

private:
    Limits _limits;
    std::unique_ptr<TaskStore> _store;
    Listener _listener;
    std::mutex _updateMutex; /// one update at a time, across its write
    mutable std::mutex _mutex; /// the states in memory
    std::map<std::string, TaskState> _tasks;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskBoard_INCLUDED
