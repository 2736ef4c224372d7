//
// Hub.h
//
// Definition of the Hub class.
//

#ifndef feedhub_Hub_INCLUDED
#define feedhub_Hub_INCLUDED

#include "Poco/Net/TCPServer.h"
#include "Poco/ThreadPool.h"
#include "Poco/Util/Timer.h"
#include "loop/ConnectionLimit.h"
#include "loop/EventLoop.h"
#include "feedhub/HubSettings.h"
#include "bus/InProcessBus.h"
#include "feedhub/LongPollWaiter.h"
#include "http/RequestRouter.h"
#include "feedhub/SubscriberGreetings.h"
#include <atomic>
#include <memory>
#include <vector>

namespace feedhub
{

class WorkerHandoff;

class Hub
    /// The running hub: the bus, the event loops, the HTTP server and its
    /// routes (/events, /poll, /publish, /topics, /healthz).
    ///
    /// HTTP worker threads parse requests and answer the short ones; SSE
    /// subscribers and waiting long polls are handed to the event loops, so
    /// a subscriber costs a socket and a few hundred bytes, never a thread.
{
public:
    explicit Hub(const HubSettings& settings);
    ~Hub();

    void start();
        /// Binds the port and starts serving. Throws if the port is taken.

    void stop();
        /// Stops accepting, closes every subscriber, joins every thread.

    Poco::UInt16 port() const;
        /// The bound port (useful when the settings ask for port 0).

    void mountEventStream(const std::string& path, std::vector<std::string> defaultTopics);
        /// Serves an SSE endpoint at path for the given topics (a request may
        /// still name its own with ?topic=).

    void park(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
              std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout);
        /// Takes the request's socket off the worker thread and parks it on an event
        /// loop until waiter->check() returns a body (200, application/json) or the
        /// timeout passes (204). Throws HttpError 503 when the hub is full.
        ///
        /// For long-poll routes: call it last in RouteHandler::handle(), with
        /// nothing sent. The timeout is capped at [poll] max_timeout_seconds.
        /// The answer carries the CORS header and Cache-Control: no-store, and
        /// keeps the connection alive if the request allows it.

    const HubSettings& settings() const { return _settings; }
    Bus& bus() { return _bus; }
    RequestRouter& router() { return *_router; }
    Poco::Util::Timer& timer() { return _timer; }
    ConnectionLimit& connections() { return _connections; }
    SubscriberGreetings& greetings() { return _greetings; }

    ConnectionLimit::Slot reserveConnection();
        /// A slot for one more parked connection; throws HttpError 503 when
        /// the hub holds its maximum.

    EventLoop& nextLoop();
        /// The loop to park the next connection on (round robin).

private:
    void keepAlive(Poco::Net::StreamSocket socket, std::string received);
        /// Parks a connection between requests on an event loop, which hands
        /// it to a worker when its next request has arrived.

    HubSettings _settings;
    std::unique_ptr<InProcessBus> _busPtr;
    InProcessBus& _bus;
    ConnectionLimit _connections;
    SubscriberGreetings _greetings;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _routerPtr;
    RequestRouter* _router;
    std::vector<std::unique_ptr<EventLoop>> _loops;
    std::atomic<std::size_t> _nextLoop{0};
    Poco::Util::Timer _timer;
    std::unique_ptr<Poco::ThreadPool> _workers;
    Poco::Net::TCPServerConnectionFactory::Ptr _connectionFactory;
    std::unique_ptr<Poco::Net::TCPServer> _server;
    std::unique_ptr<WorkerHandoff> _handoff;
};

} // namespace feedhub

#endif // feedhub_Hub_INCLUDED
