//
// TopicPollWaiter.cpp
//

#include "poll/TopicPollWaiter.h"
#include "poll/EventJsonFormat.h"
#include <algorithm>

namespace feedhub
{

TopicPollWaiter::TopicPollWaiter(Bus& bus, std::vector<std::string> topics, std::optional<std::uint64_t> since,
                                 std::size_t batchSize)
    : _bus(bus), _topics(std::move(topics)), _since(since), _batchSize(batchSize)
{
}

std::vector<std::string> TopicPollWaiter::topics() const
{
    return _topics;
}

void TopicPollWaiter::setRecheck(std::function<void()> recheck)
{
    _recheck = std::move(recheck);
}

bool TopicPollWaiter::answerPending() const
{
    return _storedRead != nullptr;
}

std::optional<std::string> TopicPollWaiter::check()
{
    if (!_since)
        return currentState();
    if (_storedRead)
    {
        std::optional<Bus::Replay> stored;
        {
            std::lock_guard<std::mutex> lock(_storedRead->mutex);
            stored.swap(_storedRead->replay);
        }
        if (!stored)
            return std::nullopt;
        _storedRead.reset();
        return answerFrom(*stored);
    }
    Bus::Replay replay = _bus.replay(_topics, *_since, _batchSize);
    if (replay.inJournal)
    {
        _storedRead = std::make_shared<StoredRead>();
        _bus.replayStored(_topics, *_since, _batchSize,
                         [read = _storedRead, recheck = _recheck](Bus::Replay stored) {
                             {
                                 std::lock_guard<std::mutex> lock(read->mutex);
                                 read->replay = std::move(stored);
                             }
                             if (recheck)
                                 recheck();
                         });
        return std::nullopt;
    }
    return answerFrom(replay);
}

std::optional<std::string> TopicPollWaiter::answerFrom(const Bus::Replay& replay)
{
    if (replay.events.empty() && !replay.truncated)
    {
        // A cursor past the bus's newest sequence (another hub's, or from
        // before its clock was set back) must not hide the next events.
        _since = std::min(*_since, replay.position);
        return std::nullopt;
    }
    return answer(replay.events, replay.position, replay.truncated);
}

std::optional<std::string> TopicPollWaiter::currentState()
{
    const std::uint64_t position = _bus.lastSequence();
    std::vector<EventPtr> newest = _bus.newest(_topics);
    // An event published between the two calls is after the cursor we answer
    // with, so the next poll gets it; answering it now would send it twice.
    newest.erase(std::remove_if(newest.begin(), newest.end(),
                                [position](const EventPtr& event) { return event->sequence() > position; }),
                 newest.end());
    _since = position;
    if (newest.empty())
        return std::nullopt;
    return answer(newest, position, false);
}

std::string TopicPollWaiter::answer(const std::vector<EventPtr>& events, std::uint64_t position,
                                    bool truncated)
{
    // An event wakes every poll waiting on its topics, and the pollers that
    // kept up all get the same events: encoded once per loop thread, not once
    // per poller. Holding the events keeps their addresses from being reused.
    struct LastAnswer
    {
        std::vector<EventPtr> events;
        std::uint64_t position = 0;
        bool truncated = false;
        std::string body;
    };
    thread_local LastAnswer last;
    if (last.body.empty() || last.position != position || last.truncated != truncated ||
        last.events != events)
        last = LastAnswer{events, position, truncated, EventJsonFormat::batch(events, position, truncated)};
    return last.body;
}

} // namespace feedhub
