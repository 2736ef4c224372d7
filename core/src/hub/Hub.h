//
// Hub.h
//
// Definition of the Hub class.
//

#ifndef feedhub_Hub_INCLUDED
#define feedhub_Hub_INCLUDED

#include "Poco/Util/Timer.h"
#include "auth/Authorizer.h"
#include "bus/Bus.h"
#include "config/HubSettings.h"
#include "feedhub/FeedState.h"
#include "sse/SubscriberGreetings.h"
#include "http/RequestRouter.h"
#include "http/WorkerPool.h"
#include "loop/Acceptor.h"
#include "loop/ConnectionLimit.h"
#include "loop/EventLoop.h"
#include "metrics/HubMetrics.h"
#include "metrics/MeteredPublisher.h"
#include <memory>
#include <vector>

namespace feedhub
{

class Hub
    /// The running hub: the bus, the event loops, the worker pool and the
    /// routes (/events, /poll, /publish, /topics, /healthz, /metrics, static files).
    ///
    /// The event loops accept every connection and own it until it closes
    /// (HttpConnection): they read and answer requests, hold SSE streams and
    /// waiting long polls. Only routes that may block run on the bounded
    /// worker pool, which hands their answer back to the loop.
{
public:
    explicit Hub(const HubSettings& settings, const AuthSettings& auth = AuthSettings());
        /// Sizes the connection limits to the open-files limit in force
        /// (OpenFiles::fit()), warning about each it lowers.
    ~Hub();

    void start();
        /// Binds the port and starts serving. Throws if the port is taken.

    void stop();
        /// Stops accepting, closes every connection, joins every thread.

    Poco::UInt16 port() const;
        /// The bound port (useful when the settings ask for port 0).

    void mountEventStream(const std::string& path, std::vector<std::string> defaultTopics);
        /// Serves an SSE endpoint at path for the given topics (a request may
        /// still name its own with ?topic=).

    const HubSettings& settings() const { return _settings; }
    Bus& bus() { return _bus; }
    RequestRouter& router() { return _router; }
    Poco::Util::Timer& timer() { return _timer; }
    ConnectionLimit& connections() { return _connections; }
        /// Every open client connection, against [server] max_connections.
    ConnectionLimit& subscribers() { return _subscribers; }
        /// SSE streams and waiting polls, against [sse] max_subscribers.
    WorkerPool& workers() { return _workers; }
    SubscriberGreetings& greetings() { return _greetings; }
    Authorizer& authorizer() { return _authorizer; }
    HubMetrics& metrics() { return _metrics; }
    Publisher& feedPublisher() { return _feedPublisher; }
        /// The bus as feeds publish to it: their publishes are counted.
    std::unique_ptr<FeedState> openFeedState(const std::string& feed);
        /// The records of the feed of that name (FeedContext::state()): on
        /// one hub the SQLite file feeds/<feed>.db beside the history
        /// journal's file; with [cluster] backend = redis the Redis hashes
        /// <key_prefix>state:<feed>:<table>, through the bus's link.

private:
    void accept(EventLoop& loop, Poco::Net::StreamSocket socket, const Poco::Net::SocketAddress& client);

    HubSettings _settings;
    std::unique_ptr<Bus> _busPtr;
    Bus& _bus;
    ConnectionLimit _connections;
    ConnectionLimit _subscribers;
    Authorizer _authorizer;
    SubscriberGreetings _greetings;
    RequestRouter _router;
    WorkerPool _workers;
    HubMetrics _metrics;
    MeteredPublisher _feedPublisher;
    std::vector<std::unique_ptr<EventLoop>> _loops;
    std::unique_ptr<Acceptor> _acceptor;
    Poco::Util::Timer _timer;
    bool _running = false;
};

} // namespace feedhub

#endif // feedhub_Hub_INCLUDED
