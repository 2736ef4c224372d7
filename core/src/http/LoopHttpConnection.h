//
// LoopHttpConnection.h
//
// Definition of the LoopHttpConnection class.
//

#ifndef feedhub_LoopHttpConnection_INCLUDED
#define feedhub_LoopHttpConnection_INCLUDED

#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Timespan.h"
#include "Poco/URI.h"
#include "http/ReusableInputStream.h"
#include "http/WorkerHandoff.h"
#include "feedhub/HubSettings.h"
#include "feedhub/LongPollWaiter.h"
#include "loop/LoopConnection.h"
#include <memory>

namespace feedhub
{

class LoopHttpConnection : public LoopConnection
    /// A kept-alive HTTP connection served on an event loop: a long-poll
    /// request parked here, then the connection it came on; also any
    /// kept-alive connection between two requests, which HubConnection parks
    /// here instead of holding a worker.
    ///
    /// A long poll is answered 200 with the body its waiter returns (checked
    /// when opened, so nothing published while the request travelled from the
    /// worker is missed, and after each event on the waiter's topics) or 204
    /// when the timeout passes. The next request on the connection is read
    /// here too: a GET /poll waits right here again and a POST /publish is
    /// published and answered here, so polling clients and publishers in a
    /// loop never cost a worker thread. Any other request, and any request
    /// these two cannot answer with success (errors, oversized or chunked
    /// bodies, "Expect: 100-continue"), goes to a worker with the bytes read
    /// so far (WorkerHandoff), whose routes answer it in full. Every answer
    /// carries the CORS header.
{
public:
    struct Request
        /// One long-poll request to answer.
    {
        std::unique_ptr<LongPollWaiter> waiter;
        Poco::Timespan timeout;
            /// Capped at [poll] max_timeout_seconds.
        std::string httpVersion = Poco::Net::HTTPMessage::HTTP_1_1;
        bool keepAlive = true;
    };

    LoopHttpConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot, ConnectionLimit& limit,
                       const HubSettings& settings, WorkerHandoff& handoff, Request request,
                       std::string received);
        /// received holds bytes of the client's next requests that the HTTP
        /// server had already read. Without a waiter in request, the
        /// connection starts between requests (a kept-alive connection a
        /// worker has finished with); it takes a slot from limit when it
        /// starts to wait on a poll.

    static bool hasBody(const Poco::Net::HTTPRequest& request, Poco::Int64 contentLength);
        /// True if the request comes with a body, which a long poll leaves
        /// unread: the connection cannot be kept for the next request then.
        /// contentLength is the request's as getContentLength64() gives it
        /// (UNKNOWN_CONTENT_LENGTH without one), passed in so that a head
        /// whose length was already read is not asked again.

    void opened() override;
    void eventPublished(const EventPtr& event) override;
    void deadlineReached() override;
    void received(const char* data, std::size_t length) override;
    void written() override;

private:
    enum class Taken
    {
        ANSWERED,   /// the request is answered or waits on the loop
        INCOMPLETE, /// its body has not all arrived yet
        NOT_HERE    /// a worker must answer it
    };

    struct Head
        /// A request head read from the received bytes. A loop thread reads
        /// every head into the same one: its stream, header list and URI keep
        /// their room (constructing a stream alone cost a fifth of reading).
    {
        void read(const char* data, std::size_t length);
            /// Throws Poco::Exception if the head is not one the loop can
            /// take, Content-Length included.

        ReusableInputStream in;
        Poco::Net::HTTPRequest request;
        Poco::URI uri;
        Poco::Int64 contentLength = Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH;
        std::size_t length = 0; /// bytes of the head in _received
    };

    struct LastAnswer
        /// A 200 answer and what it was made of, to be reused for the same.
    {
        Outbox::Chunk bytes;
        bool keepAlive = false;
        std::string date;
        std::string httpVersion;
        std::string corsOrigin;
        std::string body;
    };

    void wait();
    void answer(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body);
    void respond(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body);
    Outbox::Chunk response(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body) const;
    void awaitNextRequest();
    void takeNextRequest();
    Taken takePoll(const Head& head);
    Taken takePublish(const Head& head);
    void published(const PublishResult& result);
    void handOff();

    ConnectionLimit& _limit;
    const HubSettings& _settings;
    WorkerHandoff& _handoff;
    Request _request;
    std::string _received;
    bool _closing = false;
    bool _publishing = false;
        /// A publish waits for its batch to be stored.
    std::shared_ptr<bool> _alive = std::make_shared<bool>(true);
        /// Expires with the connection: an answer the journal's thread
        /// posts to the loop checks it first (both on the loop thread).
};

} // namespace feedhub

#endif // feedhub_LoopHttpConnection_INCLUDED
