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
    /// keep the plugin loaded. A refusal the feed answers is counted.
{
public:
    FeedReply(std::shared_ptr<void> plugin, ReplyPtr reply, std::function<void()> refused)
        : _plugin(std::move(plugin)), _reply(std::move(reply)), _refused(std::move(refused))
    {
    }

    void send(HttpResponse response) override
    {
        if (response.status() == Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED ||
            response.status() == Poco::Net::HTTPResponse::HTTP_FORBIDDEN)
            _refused();
        _reply->send(std::move(response));
    }

    void park(std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout) override
    {
        _reply->park(std::make_unique<FeedWaiter>(_plugin, std::move(waiter)), timeout);
    }

private:
    std::shared_ptr<void> _plugin;
    ReplyPtr _reply;
    std::function<void()> _refused;
};

} // namespace

FeedRouteHandler::FeedRouteHandler(std::shared_ptr<void> plugin, std::shared_ptr<RouteHandler> handler,
                                   Authorizer& authorizer)
    : RouteHandler(handler->methods()), _plugin(std::move(plugin)), _handler(std::move(handler)),
      _authorizer(authorizer)
{
}

void FeedRouteHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    _authorizer.checkNotBlocked(request);
    // A feed may answer later, from another thread: the reply keeps copies.
    Authorizer& authorizer = _authorizer;
    const std::string address = request.clientAddress().host().toString();
    const std::string what = Authorizer::describe(request);
    _handler->handle(request, std::make_shared<FeedReply>(_plugin, reply, [&authorizer, address, what] {
        authorizer.refused(address, what);
    }));
}

} // namespace feedhub
