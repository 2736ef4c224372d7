//
// EventStreamConnection.h
//
// Definition of the EventStreamConnection class.
//

#ifndef feedhub_EventStreamConnection_INCLUDED
#define feedhub_EventStreamConnection_INCLUDED

#include "loop/LoopConnection.h"
#include "Poco/Clock.h"
#include "feedhub/SubscriberGreetings.h"
#include <optional>

namespace feedhub
{

class EventStreamConnection : public LoopConnection
    /// An SSE subscriber parked on an event loop.
    ///
    /// On opening it sends the response head and "retry:", replays what
    /// history holds after the client's Last-Event-ID, then goes live. Live
    /// events at or before the replay's position are skipped, so there is no
    /// gap and no duplicate between replay and live. A subscriber that falls
    /// further behind than its outbox limit is disconnected; it reconnects
    /// and resumes from its last id, so nothing is lost.
{
public:
    struct Options
    {
        std::string responseHead;
        std::optional<std::uint64_t> resumeAfter;
        int retryMs = 3000;
        std::size_t outboxLimit = 1 << 20;
        const SubscriberGreetings* greetings = nullptr;
            /// Greets the subscriber once it is counted; may be null.
        std::optional<Poco::Clock> closeAt;
            /// When the subscriber's token stops being valid: the stream is
            /// closed then, and the client reconnects with a fresh token.
    };

    EventStreamConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot connection,
                          ConnectionLimit::Slot subscriber, std::vector<std::string> topics, Options options);
        /// connection is the socket's place in the hub's connection limit,
        /// subscriber its place in the subscriber limit.

    void opened() override;
    void eventPublished(const EventPtr& event) override;
    void heartbeat() override;
    void deadlineReached() override;

    static const std::string TRUNCATED_TYPE;
        /// The type of the notice sent when history no longer holds
        /// everything after the client's Last-Event-ID.

private:
    ConnectionLimit::Slot _subscriber;
    std::vector<std::string> _requestedTopics;
    Options _options;
    std::uint64_t _lastSent = 0;
};

} // namespace feedhub

#endif // feedhub_EventStreamConnection_INCLUDED
