//
// TopicWatchers.h
//
// Definition of the TopicWatchers class.
//

#ifndef feedhub_TopicWatchers_INCLUDED
#define feedhub_TopicWatchers_INCLUDED

#include "bus/EventSink.h"
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace feedhub
{

class TopicWatchers : public EventSink
    /// Feeds watching topics (FeedContext::watchTopic()): the bus hands this
    /// sink every event, from any hub of a cluster, and it calls the watchers
    /// of the event's topic. The hub attaches it before its event loops, so a
    /// feed hears an event before any of the hub's subscribers is sent it.
{
public:
    using Handle = std::uint64_t;
    using Watcher = std::function<void(const EventPtr& event)>;

    Handle add(const std::string& topic, Watcher watcher);
        /// Any thread.

    void remove(Handle handle);
        /// A watcher running on the bus's thread may still finish after
        /// remove() returns, so it must own what it uses.

    void deliver(const EventPtr& event) override;
        /// Calls the topic's watchers; one that throws is logged and skipped.

private:
    struct Entry
    {
        Handle handle;
        std::string topic;
        std::shared_ptr<const Watcher> watcher;
    };

    mutable std::mutex _mutex; /// never held while a watcher runs
    std::vector<Entry> _entries;
    std::atomic<bool> _empty{true}; /// most hubs have no watcher: no lock per event then
    Handle _lastHandle = 0;
};

} // namespace feedhub

#endif // feedhub_TopicWatchers_INCLUDED
