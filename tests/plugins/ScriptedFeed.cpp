//
// ScriptedFeed.cpp
//
// A feed for the loader tests that does what its section says: fail_in =
// configure or start makes that step throw (start throws after mounting its
// route and scheduling a timer, which the hub must undo); path is a GET route
// that answers {"feed": <name>, "stopped": <stop() ran>, "alive": <instances>}
// after delay_ms, reading the feed object itself, to catch a feed destroyed or
// a plugin unloaded under a request in flight; topic gets a "tick" every 20 ms.
//

#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/Thread.h"
#include "feedhub/FeedContext.h"
#include "feedhub/PluginApi.h"
#include "feedhub/RouteHandler.h"
#include <atomic>

namespace feedhub::test
{

// ScriptedFeed instances alive in this load of the plugin.
std::atomic<int> liveFeeds{0};

class ScriptedFeed;

class SlowHandler : public RouteHandler
{
public:
    SlowHandler(const ScriptedFeed& feed, std::string name, long delayMs)
        : RouteHandler("GET"), _feed(feed), _name(std::move(name)), _delayMs(delayMs)
    {
    }

    void handle(const HttpRequest&, const ReplyPtr& reply) override;

private:
    const ScriptedFeed& _feed;
        /// Deliberately the feed itself, not state of its own: the hub
        /// promises the feed outlives its handlers.
    std::string _name;
    long _delayMs;
};

class ScriptedFeed : public Feed
{
public:
    ScriptedFeed() { ++liveFeeds; }
    ~ScriptedFeed() override { --liveFeeds; }

    bool stopped() const { return _stopped; }

    void stop() override { _stopped = true; }

    std::string name() const override { return "scripted test feed"; }

    std::vector<std::string> keys() const override { return {"fail_in", "path", "delay_ms", "topic"}; }

    void configure(const Poco::Util::AbstractConfiguration& section) override
    {
        _failIn = section.getString("fail_in", "");
        if (_failIn == "configure")
            throw Poco::InvalidArgumentException("fail_in: failing in configure as asked");
        _path = section.getString("path", "/scripted");
        _delayMs = section.getInt("delay_ms", 0);
        _topic = section.getString("topic", "scripted");
    }

    void start(FeedContext& context) override
    {
        context.mount(_path, std::make_shared<SlowHandler>(*this, context.name(), _delayMs));
        context.every(Poco::Timespan(20 * Poco::Timespan::MILLISECONDS),
                      [this, &context] { context.publisher().publish(_topic, "tick", "{}"); });
        if (_failIn == "start")
            throw Poco::RuntimeException("failing in start as asked");
    }

private:
    std::string _failIn;
    std::string _path;
    long _delayMs = 0;
    std::string _topic;
    std::atomic<bool> _stopped{false};
};

void SlowHandler::handle(const HttpRequest&, const ReplyPtr& reply)
{
    Poco::Thread::sleep(_delayMs);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("feed", _name);
    body->set("stopped", _feed.stopped());
    body->set("alive", liveFeeds.load());
    reply->send(HttpResponse::json(Poco::Net::HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub::test

FEEDHUB_FEED(feedhub::test::ScriptedFeed)
