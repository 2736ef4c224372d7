//
// SubscriberGreetings.h
//
// Definition of the SubscriberGreetings class.
//

#ifndef feedhub_SubscriberGreetings_INCLUDED
#define feedhub_SubscriberGreetings_INCLUDED

#include "feedhub/SubscriberGreeting.h"
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace feedhub
{

class SubscriberGreetings
    /// Events a new subscriber of a topic gets for itself alone, such as
    /// a feed's welcome message with the subscriber count.
    ///
    /// A greeting is sent without an id, so it does not move the subscriber's
    /// Last-Event-ID: a reconnecting browser still resumes where it was.
{
public:
    using Handle = std::uint64_t;

    Handle add(const std::string& topic, SubscriberGreeter greeter);
        /// Greets every later subscriber of topic. Any thread.

    void remove(Handle handle);
        /// A greeter already running may still finish after remove() returns,
        /// so it must own what it uses.

    std::vector<std::string> framesFor(const std::vector<std::string>& topics) const;
        /// The SSE frames greeting a subscriber of topics. A greeter that
        /// throws is logged and skipped.

    struct TopicGreeting
    {
        std::string topic;
        SubscriberGreeting greeting;
    };

    std::vector<TopicGreeting> greetingsFor(const std::vector<std::string>& topics) const;
        /// The greetings of a subscriber of topics, for a transport to
        /// encode (a WebSocket's). A greeter that throws is logged and skipped.

private:
    struct Entry
    {
        Handle handle;
        std::string topic;
        std::shared_ptr<const SubscriberGreeter> greeter;
    };

    mutable std::mutex _mutex;
    std::vector<Entry> _entries;
    Handle _lastHandle = 0;
};

} // namespace feedhub

#endif // feedhub_SubscriberGreetings_INCLUDED
