//
// ClockFeed.cpp
//
// The example feed: publishes a "tick" with a count and the time to a topic
// every interval. Copy this folder to start a feed of your own; the steps are
// in docs/writing-a-feed.md.
//

#include "Poco/JSON/Object.h"
#include "feedhub/FeedContext.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"
#include "feedhub/PluginApi.h"
#include "feedhub/TopicName.h"

// Each plugin has a namespace of its own: the hub loads plugins into one
// symbol scope, and two classes of the same name would clash.
namespace feedhub::example
{

class ClockFeed : public Feed
{
public:
    std::string name() const override { return "clock (example)"; }

    std::vector<std::string> keys() const override { return {"topic", "interval_ms"}; }

    void configure(const Poco::Util::AbstractConfiguration& section) override
    {
        _topic = section.getString("topic", "clock");
        TopicName::check(_topic);
        _intervalMs = section.getInt("interval_ms", 1000);
        if (_intervalMs < 10)
            throw Poco::InvalidArgumentException("interval_ms must be at least 10");
    }

    void start(FeedContext& context) override
    {
        // The hub's timer thread calls us: no thread of our own to manage.
        context.every(Poco::Timespan(_intervalMs * Poco::Timespan::MILLISECONDS),
                      [this, &context] { tick(context.publisher()); });
        context.logger().information("ticking on topic %s every %d ms", _topic, _intervalMs);
    }

private:
    void tick(Publisher& publisher)
    {
        Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
        data->set("count", ++_count);
        data->set("time", IsoTime::format(Poco::Timestamp()));
        publisher.publish(_topic, "tick", JsonText::format(data));
    }

    std::string _topic;
    int _intervalMs = 1000;
    Poco::UInt64 _count = 0;
};

} // namespace feedhub::example

FEEDHUB_FEED(feedhub::example::ClockFeed)
