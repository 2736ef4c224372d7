//
// FeedRouteHandler.cpp
//

#include "feeds/FeedRouteHandler.h"
#include "feeds/FeedWaiter.h"

namespace feedhub
{

namespace
{

class FeedReply : public Reply
    /// The reply a feed's route gets: it and the waiters parked through it
    /// keep the plugin loaded.
{
public:
    FeedReply(std::shared_ptr<void> plugin, ReplyPtr reply) : _plugin(std::move(plugin)), _reply(std::move(reply)) {}

    void send(HttpResponse response) override { _reply->send(std::move(response)); }

    void park(std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout) override
    {
        _reply->park(std::make_unique<FeedWaiter>(_plugin, std::move(waiter)), timeout);
    }

private:
    std::shared_ptr<void> _plugin;
    ReplyPtr _reply;
};

} // namespace

FeedRouteHandler::FeedRouteHandler(std::shared_ptr<void> plugin, std::shared_ptr<RouteHandler> handler)
    : RouteHandler(handler->methods()), _plugin(std::move(plugin)), _handler(std::move(handler))
{
}

void FeedRouteHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    _handler->handle(request, std::make_shared<FeedReply>(_plugin, reply));
}

} // namespace feedhub
