//
// EventStreamConnection.h
//
// Definition of the EventStreamConnection class.
//

#ifndef feedhub_EventStreamConnection_INCLUDED
#define feedhub_EventStreamConnection_INCLUDED

#include "bus/Bus.h"
#include "loop/LoopConnection.h"
#include "Poco/Clock.h"
#include "sse/SubscriberGreetings.h"
#include <memory>
#include <optional>

namespace feedhub
{

class EventStreamConnection : public LoopConnection
    /// An SSE subscriber parked on an event loop.
    ///
    /// On opening it sends the response head and "retry:", replays what
    /// history holds after the client's Last-Event-ID, then goes live. Live
    /// events at or before the replay's position are skipped, so there is no
    /// gap and no duplicate between replay and live. A resume from further
    /// back than the bus holds in memory is read by the journal's thread and
    /// handed back; live events wait for it.
    ///
    /// A subscriber that falls further behind than its outbox limit is
    /// disconnected, if history can replay everything after the position it
    /// is known to have: it reconnects and resumes from its last id, so
    /// nothing is lost. One history cannot serve is kept, up to four times
    /// the limit.
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
    void sendReplay(const Bus::Replay& replay);
    void replayed(const Bus::Replay& replay);
    void goLive();
    bool mayDisconnect();

    ConnectionLimit::Slot _subscriber;
    std::vector<std::string> _requestedTopics;
    Options _options;
    std::uint64_t _lastSent = 0;
    std::uint64_t _behindFrom = 0;
        /// A position the client has everything up to: the last event sent
        /// when the outbox was last empty.
    bool _awaitingReplay = false;
    std::vector<EventPtr> _heldLive;
        /// Live events that came while the journal was read.
    std::shared_ptr<bool> _alive = std::make_shared<bool>(true);
        /// Expires with the connection, for the replay the journal posts back.
};

} // namespace feedhub

#endif // feedhub_EventStreamConnection_INCLUDED
