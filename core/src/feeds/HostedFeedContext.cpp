//
// HostedFeedContext.cpp
//

#include "feeds/HostedFeedContext.h"
#include "Poco/Exception.h"
#include "feeds/FeedRouteHandler.h"
#include "feeds/KeepingLoaded.h"

namespace feedhub
{

HostedFeedContext::HostedFeedContext(Hub& hub, const std::string& name)
    : _hub(hub), _name(name), _logger(Poco::Logger::get("feedhub.feed." + name)),
      _publisher(hub.feedPublisher(), hub.authorizer().feedTopics())
{
}

HostedFeedContext::~HostedFeedContext()
{
    release();
}

void HostedFeedContext::setPlugin(std::weak_ptr<void> plugin)
{
    _plugin = std::move(plugin);
}

std::shared_ptr<void> HostedFeedContext::plugin() const
{
    std::shared_ptr<void> plugin = _plugin.lock();
    if (!plugin)
        throw Poco::IllegalStateException("feed " + _name + " is no longer hosted");
    return plugin;
}

void HostedFeedContext::checkRunning() const
{
    if (_released)
        throw Poco::IllegalStateException("feed " + _name + " is stopped");
}

void HostedFeedContext::release()
{
    std::unique_ptr<Poco::Util::Timer> timer;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _released = true;
        for (const std::string& path : _paths)
            _hub.router().unmount(path);
        _paths.clear();
        for (SubscriberGreetings::Handle handle : _greeters)
            _hub.greetings().remove(handle);
        _greeters.clear();
        for (TopicWatchers::Handle handle : _watchers)
            _hub.topicWatchers().remove(handle);
        _watchers.clear();
        for (const std::string& topic : _privateTopics)
            _hub.authorizer().feedPrivateTopics().release(topic);
        _privateTopics.clear();
        for (const std::string& prefix : _intakePrefixes)
            _hub.intakes().remove(prefix);
        _intakePrefixes.clear();
        timer = std::move(_timer);
    }
    // Destroying the timer joins its thread, after a running task; outside
    // the lock, as that task may still be calling into this context.
    timer.reset();
    _publisher.releaseAll();
}

void HostedFeedContext::claimTopic(const std::string& topic)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    _publisher.claim(topic);
}

void HostedFeedContext::makePrivate(const std::string& topic)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    if (_privateTopics.insert(topic).second)
        _hub.authorizer().feedPrivateTopics().claim(topic);
}

void HostedFeedContext::authorizeSubscribe(const HttpRequest& request, const std::string& topic)
{
    _hub.authorizer().authorizeSubscribe(request, {topic});
}

void HostedFeedContext::takePublishes(const std::string& prefix, std::shared_ptr<PublishIntake> intake)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    _hub.intakes().add(prefix, _name, std::move(intake), plugin());
    _intakePrefixes.push_back(prefix);
}

FeedState& HostedFeedContext::state()
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (!_state)
        _state = _hub.openFeedState(_name);
    return *_state;
}

void HostedFeedContext::mount(const std::string& path, std::shared_ptr<RouteHandler> handler)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    _hub.router().mount(path, std::make_shared<FeedRouteHandler>(plugin(), std::move(handler), _hub.authorizer()),
                        RequestRouter::Runs::ON_WORKER);
    _paths.push_back(path);
}

void HostedFeedContext::mountEventStream(const std::string& path, std::vector<std::string> topics)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    _hub.mountEventStream(path, std::move(topics));
    _paths.push_back(path);
}

void HostedFeedContext::greetSubscribers(const std::string& topic, SubscriberGreeter greeter)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    _greeters.push_back(
        _hub.greetings().add(topic, KeepingLoaded<SubscriberGreeter>(plugin(), std::move(greeter))));
}

void HostedFeedContext::watchTopic(const std::string& topic, std::function<void(const EventPtr& event)> watcher)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    _watchers.push_back(_hub.topicWatchers().add(
        topic, KeepingLoaded<std::function<void(const EventPtr&)>>(plugin(), std::move(watcher))));
}

Poco::Util::TimerTask::Ptr HostedFeedContext::every(Poco::Timespan interval, std::function<void()> task)
{
    std::lock_guard<std::mutex> lock(_mutex);
    checkRunning();
    if (interval.totalMilliseconds() <= 0)
        throw Poco::InvalidArgumentException("a timer interval must be at least 1 ms");
    if (!_timer)
        _timer = std::make_unique<Poco::Util::Timer>();
    Poco::Util::TimerTask::Ptr timerTask =
        Poco::Util::Timer::func([this, task = std::move(task)] { runTask(task); });
    const long milliseconds = static_cast<long>(interval.totalMilliseconds());
    _timer->schedule(timerTask, milliseconds, milliseconds);
    return timerTask;
}

void HostedFeedContext::runTask(const std::function<void()>& task)
{
    try
    {
        task();
    }
    catch (const Poco::Exception& exc)
    {
        _logger.error("timer task failed: %s", exc.displayText());
    }
    catch (const std::exception& exc)
    {
        _logger.error("timer task failed: %s", std::string(exc.what()));
    }
}

} // namespace feedhub
