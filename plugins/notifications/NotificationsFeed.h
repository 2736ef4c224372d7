//
// NotificationsFeed.h
//
// Definition of the NotificationsFeed class.
//

#ifndef feedhub_notifications_NotificationsFeed_INCLUDED
#define feedhub_notifications_NotificationsFeed_INCLUDED

#include "Notification.h"
#include "NotificationSimulator.h"
#include "feedhub/Feed.h"
#include "feedhub/FeedContext.h"
#include <memory>

namespace feedhub::notifications
{

class NotificationsFeed : public Feed
    /// Notifications on one topic, each an event named after its type with
    /// {"type","message","data"?,"time"}: sent with POST notify_path, and
    /// made up every simulate_interval_ms if simulate is on. Each new
    /// subscriber of the topic is welcomed with a "connection" event
    /// {"clientId","subscribers"} of its own.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(FeedContext& context) override;

    const std::vector<std::string>& types() const { return _types; }
    const std::string& token() const { return _token; }
        /// The bearer token notify_path requires; empty: the route is open.

    std::size_t send(const Notification& notification);
        /// Publishes the notification; returns how many subscribers the
        /// topic has. Any thread.

private:
    SubscriberGreeting welcome(const std::string& topic);

    std::string _topic;
    std::string _notifyPath;
    std::string _token;
    std::vector<std::string> _types;
    bool _simulate = true;
    int _simulateIntervalMs = 8000;
    bool _welcome = true;
    FeedContext* _context = nullptr;
    std::unique_ptr<NotificationSimulator> _simulator;
};

} // namespace feedhub::notifications

#endif // feedhub_notifications_NotificationsFeed_INCLUDED
