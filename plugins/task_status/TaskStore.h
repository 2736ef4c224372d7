//
// TaskStore.h
//
// Definition of the TaskStore class.
//

#ifndef feedhub_task_status_TaskStore_INCLUDED
#define feedhub_task_status_TaskStore_INCLUDED

#include "Poco/Data/Session.h"
#include "TaskState.h"
#include <string>
#include <vector>

namespace feedhub::task_status
{

class TaskStore
    /// Task states kept in an SQLite file, so a restarted hub carries on with
    /// each task's status and version. Not thread-safe: TaskBoard guards it.
{
public:
    explicit TaskStore(const std::string& path);
        /// Opens the file, creating it and its directory if needed. Throws
        /// Poco::Exception (a Poco::Data one) if that fails.

    std::vector<TaskState> load();

    void save(const TaskState& state);
        /// Inserts or replaces the task's row; throws if the write fails.

private:
    Poco::Data::Session _session;
};

} // namespace feedhub::task_status

#endif // feedhub_task_status_TaskStore_INCLUDED
