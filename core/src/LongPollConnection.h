//
// LongPollConnection.h
//
// Definition of the LongPollConnection class.
//

#ifndef feedhub_LongPollConnection_INCLUDED
#define feedhub_LongPollConnection_INCLUDED

#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Timespan.h"
#include "WorkerHandoff.h"
#include "feedhub/HubSettings.h"
#include "feedhub/LongPollWaiter.h"
#include "feedhub/LoopConnection.h"
#include <memory>

namespace feedhub
{

class LongPollConnection : public LoopConnection
    /// A long-poll request parked on an event loop, and then the kept-alive
    /// connection it came on; also any kept-alive connection between two
    /// requests, which HubConnection parks here instead of holding a worker.
    ///
    /// It answers 200 with the body its waiter returns (checked when opened,
    /// so nothing published while the request travelled from the worker is
    /// missed, and after each event on the waiter's topics) or 204 when the
    /// timeout passes. Then, if the connection is kept alive, it reads the
    /// next request on the loop: a GET /poll waits right here again, so a
    /// polling client never costs a worker thread; any other request goes to
    /// a worker with the bytes read so far (WorkerHandoff). Every answer
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

    LongPollConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot, ConnectionLimit& limit,
                       const HubSettings& settings, WorkerHandoff& handoff, Request request,
                       std::string received);
        /// received holds bytes of the client's next requests that the HTTP
        /// server had already read. Without a waiter in request, the
        /// connection starts between requests (a kept-alive connection a
        /// worker has finished with); it takes a slot from limit when it
        /// starts to wait on a poll.

    static bool hasBody(const Poco::Net::HTTPRequest& request);
        /// True if the request comes with a body, which a long poll leaves
        /// unread: the connection cannot be kept for the next request then.

    void opened() override;
    void eventPublished(const EventPtr& event) override;
    void deadlineReached() override;
    void received(const char* data, std::size_t length) override;
    void written() override;

private:
    void wait();
    void answer(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& body);
    void awaitNextRequest();
    void takeNextRequest();
    bool takePoll(const std::string& head);
    void handOff();

    ConnectionLimit& _limit;
    const HubSettings& _settings;
    WorkerHandoff& _handoff;
    Request _request;
    std::string _received;
    bool _closing = false;
};

} // namespace feedhub

#endif // feedhub_LongPollConnection_INCLUDED
