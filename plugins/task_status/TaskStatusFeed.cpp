//
// TaskStatusFeed.cpp
//

#include "TaskStatusFeed.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Parser.h"
#include "Poco/StringTokenizer.h"
#include "PollStatusHandler.h"
#include "TaskListHandler.h"
#include "UpdateStatusHandler.h"
#include "feedhub/JsonText.h"
#include "feedhub/PluginApi.h"
#include "feedhub/TopicName.h"

namespace feedhub::task_status
{

namespace
{

const std::string TASK_STATUS = "task_status";

std::vector<std::string> readList(const Poco::Util::AbstractConfiguration& section, const std::string& key,
                                  const std::string& fallback)
{
    Poco::StringTokenizer items(section.getString(key, fallback), ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    return std::vector<std::string>(items.begin(), items.end());
}

std::string readPath(const Poco::Util::AbstractConfiguration& section, const std::string& key,
                     const std::string& fallback)
{
    const std::string path = section.getString(key, fallback);
    if (!path.empty() && path[0] != '/')
        throw Poco::InvalidArgumentException(key + " must start with / (or be empty for none)");
    return path;
}

} // namespace

std::string TaskStatusFeed::name() const
{
    return "task status";
}

std::vector<std::string> TaskStatusFeed::keys() const
{
    return {"topic",       "statuses",  "tasks",     "default_task",        "token", "max_tasks",
            "update_path", "poll_path", "list_path", "poll_timeout_seconds"};
}

void TaskStatusFeed::configure(const Poco::Util::AbstractConfiguration& section)
{
    _topic = section.getString("topic", "tasks");
    TopicName::check(_topic);
    _limits.statuses = readList(section, "statuses", "pending, running, done, failed");
    if (_limits.statuses.empty())
        throw Poco::InvalidArgumentException("statuses: at least one status is needed");
    const int maxTasks = section.getInt("max_tasks", 1000);
    if (maxTasks < 1)
        throw Poco::InvalidArgumentException("max_tasks must be at least 1");
    _limits.maxTasks = static_cast<std::size_t>(maxTasks);
    _defaultTask = section.getString("default_task", "default");
    TaskBoard::checkTaskName(_defaultTask);
    _declaredTasks = readList(section, "tasks", _defaultTask);
    for (const std::string& task : _declaredTasks)
        TaskBoard::checkTaskName(task);
    _token = section.getString("token", "");
    if (_token.empty())
        throw Poco::InvalidArgumentException("token must be set: updates need a bearer token");
    _updatePath = readPath(section, "update_path", "/update-status");
    _pollPath = readPath(section, "poll_path", "/poll-status");
    _listPath = readPath(section, "list_path", "/api/tasks");
    const int pollTimeoutSeconds = section.getInt("poll_timeout_seconds", 30);
    if (pollTimeoutSeconds < 1)
        throw Poco::InvalidArgumentException("poll_timeout_seconds must be at least 1");
    _pollTimeout = Poco::Timespan(pollTimeoutSeconds, 0);
}

void TaskStatusFeed::start(FeedContext& context)
{
    context.claimTopic(_topic);
    _board = std::make_unique<TaskBoard>(_limits, _declaredTasks, context.state(),
                                         [this, &context](const TaskState& state) {
                                             context.publisher().publish(_topic, TASK_STATUS,
                                                                         JsonText::format(state.toJson()));
                                         });
    // Changes other hubs of a cluster make reach this board through their
    // events (its own come back too, and are older than its copy by then).
    context.watchTopic(_topic, [this](const EventPtr& event) {
        if (event->type() == TASK_STATUS)
            _board->heard(TaskState::fromJson(
                *Poco::JSON::Parser().parse(event->data()).extract<Poco::JSON::Object::Ptr>()));
    });
    _board->load();
    context.logger().information("%z tasks", _board->all().size());
    if (!_updatePath.empty())
        context.mount(_updatePath,
                      std::make_shared<UpdateStatusHandler>(*this, context));
    if (!_pollPath.empty())
        context.mount(_pollPath,
                      std::make_shared<PollStatusHandler>(*this, context));
    if (!_listPath.empty())
        context.mount(_listPath,
                      std::make_shared<TaskListHandler>(*this));
}

} // namespace feedhub::task_status

FEEDHUB_FEED(feedhub::task_status::TaskStatusFeed)
