//
// SubscriberGreeting.h
//
// Definition of the SubscriberGreeting struct and the SubscriberGreeter type.
//

#ifndef feedhub_SubscriberGreeting_INCLUDED
#define feedhub_SubscriberGreeting_INCLUDED

#include <functional>
#include <string>

namespace feedhub
{

struct SubscriberGreeting
    /// An event a new SSE subscriber of a topic gets for itself alone, such as
    /// a welcome with the subscriber count. It is sent without an id, so it
    /// does not move the subscriber's Last-Event-ID: a reconnecting browser
    /// still resumes where it was.
{
    std::string type;
        /// The SSE event name.
    std::string data;
        /// The event data, usually JSON on one line (see JsonText).
};

using SubscriberGreeter = std::function<SubscriberGreeting(const std::string& topic)>;
    /// Makes the greeting for one new subscriber of topic (see
    /// FeedContext::greetSubscribers()). Called on an event loop thread once
    /// the subscriber is counted, so Publisher::subscriberCount() includes
    /// it; must not block. A greeter that throws is logged and skipped.

} // namespace feedhub

#endif // feedhub_SubscriberGreeting_INCLUDED
