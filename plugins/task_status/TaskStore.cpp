//
// TaskStore.cpp
//

#include "TaskStore.h"
#include "Poco/Data/SQLite/SessionImpl.h"
#include "Poco/File.h"
#include "Poco/Path.h"

using namespace Poco::Data::Keywords;

namespace feedhub::task_status
{

namespace
{

Poco::Data::Session open(const std::string& path)
{
    Poco::File(Poco::Path(path).parent()).createDirectories();
    // A session made directly, not through the global connector registry: the
    // plugin can then be unloaded without leaving a connector behind.
    return Poco::Data::Session(new Poco::Data::SQLite::SessionImpl(path));
}

} // namespace

TaskStore::TaskStore(const std::string& path) : _session(open(path))
{
    _session << "CREATE TABLE IF NOT EXISTS tasks (name TEXT PRIMARY KEY, status TEXT NOT NULL, "
                "version INTEGER NOT NULL, changed_at INTEGER NOT NULL)",
        now;
}

std::vector<TaskState> TaskStore::load()
{
    std::vector<std::string> names;
    std::vector<std::string> statuses;
    std::vector<Poco::Int64> versions;
    std::vector<Poco::Int64> times;
    _session << "SELECT name, status, version, changed_at FROM tasks ORDER BY name", into(names),
        into(statuses), into(versions), into(times), now;
    std::vector<TaskState> states;
    for (std::size_t i = 0; i < names.size(); ++i)
        states.push_back(TaskState{names[i], statuses[i], versions[i], Poco::Timestamp(times[i])});
    return states;
}

void TaskStore::save(const TaskState& state)
{
    _session << "INSERT OR REPLACE INTO tasks (name, status, version, changed_at) VALUES (?, ?, ?, ?)",
        bind(state.task), bind(state.status), bind(state.version), bind(state.time.epochMicroseconds()), now;
}

} // namespace feedhub::task_status
