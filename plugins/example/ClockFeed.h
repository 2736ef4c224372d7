//
// ClockFeed.h
//
// Definition of the ClockFeed class.
//

#ifndef example_ClockFeed_INCLUDED
#define example_ClockFeed_INCLUDED

#include "ClockState.h"
#include "feedhub/Feedhub.h"
#include <memory>
#include <optional>

// Each plugin has a namespace of its own: the hub loads plugins into one
// symbol scope, and two classes of the same name would clash.
namespace example
{

class ClockFeed : public feedhub::Feed
    /// The example feed: publishes a "tick" event {"count","time"} to a topic
    /// every interval_ms, and serves the last tick at GET path: by default
    /// /api/<the feed's name in hub.ini>, so that two clocks never ask for
    /// the same path.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(feedhub::FeedContext& context) override;

private:
    std::string _topic;
    int _intervalMs = 1000;
    std::optional<std::string> _path;
        /// As hub.ini sets it: unset means /api/<name>, empty no route.
    std::shared_ptr<ClockState> _state;
};

} // namespace example

#endif // example_ClockFeed_INCLUDED
