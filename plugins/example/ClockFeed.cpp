//
// ClockFeed.cpp
//
// The example feed of the plugin SDK. Copy this folder to start a feed of
// your own; the steps are in docs/writing-a-feed.md.
//

#include "ClockFeed.h"
#include "ClockRoute.h"
#include "Poco/Exception.h"

namespace example
{

std::string ClockFeed::name() const
{
    return "clock (example)";
}

std::vector<std::string> ClockFeed::keys() const
{
    return {"topic", "interval_ms", "path"};
}

void ClockFeed::configure(const Poco::Util::AbstractConfiguration& section)
{
    _topic = section.getString("topic", "clock");
    feedhub::TopicName::check(_topic);
    _intervalMs = section.getInt("interval_ms", 1000);
    if (_intervalMs < 10)
        throw Poco::InvalidArgumentException("interval_ms must be at least 10");
    if (section.has("path"))
    {
        _path = section.getString("path");
        if (!_path->empty() && (*_path)[0] != '/')
            throw Poco::InvalidArgumentException("path must start with / (or be empty for no route)");
    }
}

void ClockFeed::start(feedhub::FeedContext& context)
{
    _state = std::make_shared<ClockState>();
    // The hub's timer thread calls the task: no thread of our own to manage.
    // It captures what it uses, not this feed.
    context.every(Poco::Timespan(_intervalMs * Poco::Timespan::MILLISECONDS),
                  [state = _state, topic = _topic, &publisher = context.publisher()] {
                      publisher.publish(topic, "tick", state->tick(Poco::Timestamp()));
                  });
    const std::string path = _path.value_or("/api/" + context.name());
    if (!path.empty())
        context.mount(path, std::make_shared<ClockRoute>(_state));
    context.logger().information("ticking on topic %s every %d ms", _topic, _intervalMs);
}

} // namespace example

FEEDHUB_FEED(example::ClockFeed)
