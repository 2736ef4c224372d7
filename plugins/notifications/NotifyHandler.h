//
// NotifyHandler.h
//
// Definition of the NotifyHandler class.
//

#ifndef feedhub_notifications_NotifyHandler_INCLUDED
#define feedhub_notifications_NotifyHandler_INCLUDED

#include "feedhub/FeedContext.h"
#include "feedhub/RouteHandler.h"

namespace feedhub::notifications
{

class NotificationsFeed;

class NotifyHandler : public RouteHandler
    /// POST {"type","message","data"?}: publishes the notification and
    /// answers {"success":true,"sentTo":<subscribers>,"event":<type>}.
    /// With the feed's token set, only requests bearing it (401 otherwise).
{
public:
    NotifyHandler(NotificationsFeed& feed, FeedContext& context);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    NotificationsFeed& _feed;
    FeedContext& _context;
};

} // namespace feedhub::notifications

#endif // feedhub_notifications_NotifyHandler_INCLUDED
