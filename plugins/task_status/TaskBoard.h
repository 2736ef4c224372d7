//
// TaskBoard.h
//
// Definition of the TaskBoard class.
//

#ifndef feedhub_task_status_TaskBoard_INCLUDED
#define feedhub_task_status_TaskBoard_INCLUDED

#include "TaskState.h"
#include "feedhub/FeedState.h"
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
    /// The status of every task, kept in the feed's state (table "tasks", one
    /// record per task whose version is the task's version), so that every
    /// hub of a cluster serves one board. Thread-safe.
    ///
    /// A task's status is one of a configured set; each accepted update is a
    /// change that raises its version by one, so a poller that saw version N
    /// knows whether it has missed something. Tasks are declared in hub.ini
    /// (they start at the first status, version 1) or created by their first
    /// update (version 1). Hubs racing to update one task take turns through
    /// the record's version.
    ///
    /// Readers (find(), all()) never wait on the state: they read a copy in
    /// memory, which an update changes after its commit and heard() changes
    /// for what other hubs committed, so a long poll checked on an event loop
    /// never waits on SQLite or Redis.
{
public:
    using Listener = std::function<void(const TaskState&)>;

    struct Limits
    {
        std::vector<std::string> statuses;
        std::size_t maxTasks = 1000;
    };

    TaskBoard(Limits limits, const std::vector<std::string>& declaredTasks, FeedState& state, Listener listener);
        /// Stores the declared tasks not stored yet, then reads every task
        /// (load()). The listener hears every change this board makes, in version order
        /// of each task; it may read the board.

    TaskState update(const std::string& task, const std::string& status);
        /// Sets the task's status and returns its new state. Throws
        /// Poco::InvalidArgumentException, changing nothing, if the status is
        /// not allowed (the message lists the allowed ones), the task name is
        /// invalid, or the board is full; HttpError 503 if the state cannot
        /// be reached (nothing changed then either).

    void load();
        /// Reads every stored task, keeping what is newer than the copy: again
        /// once the feed hears the changes other hubs make, for those made
        /// before it did.

    void heard(const TaskState& state);
        /// A change of a task, as its event tells it (another hub's): kept
        /// if it is newer than the copy. Never blocks.

    std::optional<TaskState> find(const std::string& task) const;

    std::vector<TaskState> all() const;
        /// By task name.

    const std::vector<std::string>& statuses() const { return _limits.statuses; }

    static void checkTaskName(const std::string& task);
        /// Throws Poco::InvalidArgumentException unless task is 1 to 64 of
        /// A-Z a-z 0-9 _ . -

    static constexpr const char* TABLE = "tasks";

private:
    void keep(const TaskState& state);

    Limits _limits;
    FeedState& _state;
    Listener _listener;
    std::mutex _updateMutex;   /// one update of this hub's at a time, so the listener hears them in order
    mutable std::mutex _mutex; /// the copy in memory
    std::map<std::string, TaskState> _tasks;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskBoard_INCLUDED
