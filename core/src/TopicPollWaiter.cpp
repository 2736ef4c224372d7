//
// TopicPollWaiter.cpp
//

#include "TopicPollWaiter.h"
#include "feedhub/EventJsonFormat.h"
#include <algorithm>

namespace feedhub
{

TopicPollWaiter::TopicPollWaiter(std::vector<std::string> topics, std::optional<std::uint64_t> since,
                                 std::size_t batchSize)
    : _topics(std::move(topics)), _since(since), _batchSize(batchSize)
{
}

std::vector<std::string> TopicPollWaiter::topics() const
{
    return _topics;
}

std::optional<std::string> TopicPollWaiter::check(Bus& bus)
{
    if (!_since)
        return currentState(bus);
    Bus::Replay replay = bus.replay(_topics, *_since, _batchSize);
    if (replay.events.empty() && !replay.truncated)
    {
        // A cursor past the bus's newest sequence (another hub's, or from
        // before its clock was set back) must not hide the next events.
        _since = std::min(*_since, replay.position);
        return std::nullopt;
    }
    return EventJsonFormat::batch(replay.events, replay.position, replay.truncated);
}

std::optional<std::string> TopicPollWaiter::currentState(Bus& bus)
{
    const std::uint64_t position = bus.lastSequence();
    std::vector<EventPtr> newest = bus.newest(_topics);
    // An event published between the two calls is after the cursor we answer
    // with, so the next poll gets it; answering it now would send it twice.
    newest.erase(std::remove_if(newest.begin(), newest.end(),
                                [position](const EventPtr& event) { return event->sequence() > position; }),
                 newest.end());
    _since = position;
    if (newest.empty())
        return std::nullopt;
    return EventJsonFormat::batch(newest, position, false);
}

} // namespace feedhub
