//
// HttpConnection.h
//
// Definition of the HttpConnection class.
//

#ifndef feedhub_HttpConnection_INCLUDED
#define feedhub_HttpConnection_INCLUDED

#include "Poco/Net/SocketAddress.h"
#include "feedhub/HttpRequest.h"
#include "feedhub/LongPollWaiter.h"
#include "http/RequestReader.h"
#include "http/RequestRouter.h"
#include "loop/LoopConnection.h"
#include "sse/EventStreamConnection.h"
#include <memory>

namespace feedhub
{

class Hub;

class HttpConnection : public LoopConnection
    /// One client connection from accept to close, on the event loop that
    /// accepted it: reads each request (RequestReader), routes it, runs the
    /// route on the loop or hands it to a worker, and writes the answer.
    ///
    /// Requests on one connection are served one at a time, in order; bytes
    /// of the next ones wait in the buffer. A long poll waits here, holding
    /// no thread; an SSE request turns the connection into an
    /// EventStreamConnection. Deadlines: a request that is not all in within
    /// [server] request_timeout_seconds is answered 408 and closed; an idle
    /// kept-alive connection is closed after keepalive_timeout_seconds.
    /// Every refusal is an answer (a JSON error) before the close.
{
public:
    HttpConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot, const Poco::Net::SocketAddress& client,
                   Hub& hub);
        /// An empty slot means the hub is at its connection limit: the
        /// connection is answered 503 and closed.
    ~HttpConnection() override;

    void opened() override;
    void eventPublished(const EventPtr& event) override;
    void deadlineReached() override;
    void received(const char* data, std::size_t length) override;
    void peerClosed() override;
    void written() override;

    void answer(HttpResponse response);
        /// Sends the answer to the request being served. Loop thread.
    void park(std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout);
        /// Waits for the waiter's answer (200) or the timeout (204). Loop thread.
    void openEventStream(std::vector<std::string> topics, EventStreamConnection::Options options);
        /// Answers 200 with an event stream and hands the socket to an
        /// EventStreamConnection; 503 if the hub holds its maximum of
        /// subscribers. Loop thread.

    void openWebSocket(const std::string& responseHead);
        /// Answers with responseHead (101) and hands the socket to a
        /// WebSocketConnection; 503 if the hub holds its maximum of
        /// subscribers. Loop thread.

    static HttpConnection& of(const Reply& reply);
        /// The connection a loop route's reply answers. Throws
        /// Poco::IllegalStateException for a reply that is not one (a route
        /// that needs the connection mounted to run on a worker).

    static std::shared_ptr<const HttpRequest> sharedRequest(const Reply& reply);
        /// The request a loop route's reply answers, for work that outlives
        /// the route and answers through the reply later (a feed's intake on
        /// a worker): the connection reads its next request into another.
        /// Throws Poco::IllegalStateException as of() does.

private:
    class ConnectionReply;

    enum class Phase
    {
        IDLE,    /// between requests
        READING, /// part of a request has arrived
        SERVING, /// a route has the request
        PARKED,  /// a long poll waits for its answer
        CLOSING  /// the last answer is being written
    };

    void process();
    void dispatch();
    void serve(const RequestRouter::Route& route);
    void refuse(HttpResponse::Status status, const std::string& message);
    void send(const HttpResponse& response);
    void send(Outbox::Chunk answer, int status);
    void logAccess(int status, std::size_t bytes) const;
    void startRequest();
    Outbox::Chunk pollAnswer(const std::string& body) const;
    void answerParked(HttpResponse::Status status, const std::string& body);
    void lingerAndClose();
    void setIdleDeadline();

    Hub& _hub;
    Poco::Net::SocketAddress _client;
    RequestReader _reader;
    std::string _received;
    std::shared_ptr<HttpRequest> _request;
    Phase _phase = Phase::IDLE;
    bool _keepAlive = true;
    bool _headOnly = false;
    bool _processing = false;
    bool _continueSent = false;
    bool _lingering = false;
    bool _peerClosed = false;
    bool _requestKnown = false;
        /// _request is the one being answered (false until it is read).
    Poco::Clock _requestStarted;
        /// When the request being answered began to arrive, for the access log.
    std::unique_ptr<LongPollWaiter> _waiter;
    ConnectionLimit::Slot _subscriberSlot;
    std::shared_ptr<char> _anchor;
        /// Replies hold it weakly: one that answers after the connection is
        /// gone finds it expired (checked on the loop thread, where the
        /// connection is destroyed).
    std::string _corsOrigin;
        /// The Access-Control-Allow-Origin of the request being answered (CorsPolicy).
};

} // namespace feedhub

#endif // feedhub_HttpConnection_INCLUDED
