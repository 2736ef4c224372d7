//
// WebSocketConnection.h
//
// Definition of the WebSocketConnection class.
//

#ifndef feedhub_WebSocketConnection_INCLUDED
#define feedhub_WebSocketConnection_INCLUDED

#include "sse/SubscriberGreetings.h"
#include "auth/Authorizer.h"
#include "bus/Bus.h"
#include "bus/PublishResult.h"
#include "feedhub/HttpRequest.h"
#include "loop/LoopConnection.h"
#include "http/WorkerPool.h"
#include "metrics/PublishMetrics.h"
#include "publish/IntakeCall.h"
#include "publish/PublishIntakes.h"
#include <memory>
#include <optional>
#include "ws/WebSocketEndpoint.h"
#include "ws/WebSocketRequest.h"

namespace feedhub
{

class WebSocketConnection : public LoopConnection, private WebSocketEndpoint::Listener
    /// A WebSocket client parked on an event loop (GET /ws, docs/websocket.md).
    ///
    /// It subscribes and unsubscribes with JSON messages, each subscribe
    /// replaying what history holds after its lastEventId before going live,
    /// with no gap and no duplicate (one position for all topics, as an SSE
    /// stream has); it publishes with POST /publish's rules, a publication to
    /// a topic a feed takes going to the feed's intake on a worker, as there.
    /// Events are the
    /// JSON objects long polling returns, one text frame each. A ping goes
    /// out every heartbeat; a client that has not answered the last one by
    /// the next is dropped. A client further behind than its outbox limit is
    /// disconnected and resumes by id, as on SSE.
{
public:
    struct Options
    {
        std::string responseHead;
            /// The 101 answer, sent first.
        std::string received;
            /// Bytes the client sent after its handshake.
        std::size_t outboxLimit = 1 << 20;
        std::size_t maxMessageBytes = 1 << 17;
        WebSocketRequest::Limits limits;
        const SubscriberGreetings* greetings = nullptr;
            /// Greets the subscriber of new topics once it is counted; may be null.
        std::shared_ptr<const HttpRequest> upgrade;
            /// The upgrade request: its token decides what may be subscribed
            /// to and published (a cookie never authorizes a publish).
        Authorizer* authorizer = nullptr;
        PublishMetrics* publishes = nullptr;
            /// Counts the client's publishes.
        const PublishIntakes* intakes = nullptr;
            /// The topics feeds take publications to; may be null.
        WorkerPool* workers = nullptr;
            /// Where a feed's intake takes a publication.
    };

    WebSocketConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot connection,
                        ConnectionLimit::Slot subscriber, Options options);
        /// connection is the socket's place in the hub's connection limit,
        /// subscriber its place in the subscriber limit.

    void opened() override;
    void eventPublished(const EventPtr& event) override;
    void heartbeat() override;
    void received(const char* data, std::size_t length) override;
    void written() override;
    void loopStopping() override;

    static const std::string TRUNCATED_TYPE;

private:
    void messageReceived(const std::string& text) override;
    void pongReceived() override;
    void sendFrames(std::string bytes) override;

    void subscribe(const WebSocketRequest& request);
    void unsubscribe(const WebSocketRequest& request);
    void replayed(const WebSocketRequest& request, const std::vector<std::string>& current, std::uint64_t newAfter,
                  const Bus::Replay& replay);
    void publish(const WebSocketRequest& request);
    void published(const std::string& ref, const PublishResult& result);
    void give(const std::string& ref, PublishIntakes::Intake intake, const Publication& publication);
    void taken(const std::string& ref, const IntakeCall::Outcome& outcome);
    void greet(const std::vector<std::string>& topics);
    void answer(const std::string& ref, const std::string& fields);
    void refuse(const std::string& ref, const std::string& message);
    void pushEvent(const EventPtr& event);
        /// Queues the event's frame and counts it delivered.
    void queued();
    void finishIfClosing();

    ConnectionLimit::Slot _subscriber;
    Options _options;
    WebSocketEndpoint _endpoint;
    std::uint64_t _lastSent = 0;
    bool _pingUnanswered = false;
    bool _lingering = false;
    bool _replaying = false;
        /// A subscribe waits for history the journal reads; live events are held meanwhile.
    std::vector<EventPtr> _held;
    std::optional<Poco::Timestamp> _tokenExpiry;
        /// When the token that let it subscribe to a private topic stops being valid.
    std::shared_ptr<char> _anchor = std::make_shared<char>();
        /// Held weakly by publishes the journal or a worker answers from its own thread.
};

} // namespace feedhub

#endif // feedhub_WebSocketConnection_INCLUDED
