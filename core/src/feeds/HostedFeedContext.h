//
// HostedFeedContext.h
//
// Definition of the HostedFeedContext class.
//

#ifndef feedhub_HostedFeedContext_INCLUDED
#define feedhub_HostedFeedContext_INCLUDED

#include "Poco/Util/Timer.h"
#include "auth/ClaimingPublisher.h"
#include "feedhub/FeedContext.h"
#include "hub/Hub.h"
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace feedhub
{

class HostedFeedContext : public FeedContext
    /// The context of one hosted feed: does what the feed asks of the hub and
    /// remembers it, so release() can undo all of it.
{
public:
    HostedFeedContext(Hub& hub, const std::string& name);
    ~HostedFeedContext() override;
        /// Releases what release() has not.

    void setPlugin(std::weak_ptr<void> plugin);
        /// What keeps the feed's plugin loaded; handlers, waiters and
        /// greeters the feed hands over hold a reference to it.

    void release();
        /// Unmounts the feed's routes and streams, removes its greeters and
        /// intakes, gives back its topics, cancels its timers and waits for a running timer task to finish.
        /// The context then refuses to mount or schedule anything more.

    const std::string& name() const override { return _name; }
    Publisher& publisher() override { return _publisher; }
    Poco::Logger& logger() override { return _logger; }
    void mount(const std::string& path, std::shared_ptr<RouteHandler> handler) override;
    void mountEventStream(const std::string& path, std::vector<std::string> topics) override;
    void greetSubscribers(const std::string& topic, SubscriberGreeter greeter) override;
    Poco::Util::TimerTask::Ptr every(Poco::Timespan interval, std::function<void()> task) override;
    void claimTopic(const std::string& topic) override;
    void makePrivate(const std::string& topic) override;
    void authorizeSubscribe(const HttpRequest& request, const std::string& topic) override;
    void takePublishes(const std::string& prefix, std::shared_ptr<PublishIntake> intake) override;
    FeedState& state() override;
    void watchTopic(const std::string& topic, std::function<void(const EventPtr& event)> watcher) override;

private:
    std::shared_ptr<void> plugin() const;
    void checkRunning() const;
    void runTask(const std::function<void()>& task);

    Hub& _hub;
    std::string _name;
    Poco::Logger& _logger;
    ClaimingPublisher _publisher;
    std::weak_ptr<void> _plugin;
    mutable std::mutex _mutex;
    bool _released = false;
    std::vector<std::string> _paths;
    std::vector<SubscriberGreetings::Handle> _greeters;
    std::vector<TopicWatchers::Handle> _watchers;
    std::set<std::string> _privateTopics;
    std::vector<std::string> _intakePrefixes;
    std::unique_ptr<Poco::Util::Timer> _timer;
    std::unique_ptr<FeedState> _state;
};

} // namespace feedhub

#endif // feedhub_HostedFeedContext_INCLUDED
