//
// Hub.cpp
//

#include "hub/Hub.h"
#include "sse/EventStreamHandler.h"
#include "routes/HealthHandler.h"
#include "http/HubConnectionFactory.h"
#include "poll/LongPollHandler.h"
#include "http/LoopHttpConnection.h"
#include "Poco/Buffer.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/HTTPServerRequestImpl.h"
#include "Poco/Net/HTTPServerSession.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/NumberFormatter.h"
#include "publish/PublishHandler.h"
#include "http/ReplayedSocketImpl.h"
#include "routes/StaticFileHandler.h"
#include "routes/TopicsHandler.h"
#include "http/WorkerHandoff.h"
#include "feedhub/HttpError.h"
#include "history/SqliteHistoryStore.h"

namespace feedhub
{

namespace
{

// Deep enough for thousands of subscribers connecting at once.
constexpr int LISTEN_BACKLOG = 4096;

// How often idle topics are forgotten and old history dropped (ms).
constexpr long EXPIRY_INTERVAL_MS = 10000;

std::unique_ptr<InProcessBus> makeBus(const HubSettings& settings)
{
    InProcessBus::Limits limits;
    limits.history.maxEvents = settings.historyEvents;
    limits.history.maxAge = settings.historyAge;
    limits.history.maxBytes = settings.historyBytes;
    limits.memoryBudgetBytes = settings.historyMemoryBytes;
    limits.maxTopics = settings.maxTopics;
    if (settings.historyStore == HubSettings::HistoryStore::MEMORY)
        return std::make_unique<InProcessBus>(limits);
    InProcessBus::JournalOptions options;
    options.groupEvents = settings.historyGroupEvents;
    options.commitWindow = settings.historyCommitWindow;
    auto journal = std::make_unique<SqliteHistoryStore>(settings.historyDatabase, limits.history,
                                                        settings.historySync == HubSettings::HistorySync::FULL
                                                            ? SqliteHistoryStore::Sync::FULL
                                                            : SqliteHistoryStore::Sync::NORMAL);
    return std::make_unique<InProcessBus>(limits, std::move(journal), options);
}

} // namespace

Hub::Hub(const HubSettings& settings)
    : _settings(settings), _busPtr(makeBus(settings)), _bus(*_busPtr), _connections(settings.maxSubscribers),
      _routerPtr(new RequestRouter(settings.corsOrigin)),
      _router(static_cast<RequestRouter*>(_routerPtr.get()))
{
    for (int i = 0; i < _settings.eventLoops; ++i)
        _loops.push_back(std::make_unique<EventLoop>(_bus, _settings.heartbeat, "loop-" + std::to_string(i)));

    _router->mount("/events", [this](const Poco::Net::HTTPServerRequest&) {
        return new EventStreamHandler(*this, _settings.defaultTopics);
    });
    _router->mount(LongPollHandler::PATH,
                   [this](const Poco::Net::HTTPServerRequest&) { return new LongPollHandler(*this); });
    _router->mount(PublishHandler::PATH,
                   [this](const Poco::Net::HTTPServerRequest&) { return new PublishHandler(*this); });
    _router->mount("/topics",
                   [this](const Poco::Net::HTTPServerRequest&) { return new TopicsHandler(*this); });
    _router->mount("/healthz",
                   [this](const Poco::Net::HTTPServerRequest&) { return new HealthHandler(*this); });
    if (_settings.webEnabled)
    {
        _router->setFallback([this, root = WebRoot(_settings.webRoot)](const Poco::Net::HTTPServerRequest&) {
            return new StaticFileHandler(root, _settings.corsOrigin);
        });
    }
}

Hub::~Hub()
{
    stop();
}

void Hub::start()
{
    Poco::Net::ServerSocket socket;
    // SO_REUSEADDR for a quick restart, but not SO_REUSEPORT, which Poco sets with
    // it by default: a second hub on the same port must fail, not share its clients.
    socket.bind(Poco::Net::SocketAddress(_settings.address, static_cast<Poco::UInt16>(_settings.port)), true,
                false);
    socket.listen(LISTEN_BACKLOG);

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(_settings.httpThreads);
    params->setMaxQueued(_settings.httpQueue);
    params->setKeepAlive(true);
    params->setServerName("feedhub");
    params->setSoftwareVersion("feedhub");
    _workers = std::make_unique<Poco::ThreadPool>(1, _settings.httpThreads);
    _connectionFactory = new HubConnectionFactory(
        params, _routerPtr, [this](Poco::Net::StreamSocket socket, std::string received) {
            keepAlive(std::move(socket), std::move(received));
        });
    _handoff = std::make_unique<WorkerHandoff>(_connectionFactory, params);

    for (auto& loop : _loops)
        loop->start();
    _timer.scheduleAtFixedRate(Poco::Util::Timer::func([this] { _bus.expire(); }), EXPIRY_INTERVAL_MS,
                               EXPIRY_INTERVAL_MS);
    _server = std::make_unique<Poco::Net::TCPServer>(_connectionFactory, *_workers, socket, params);
    _server->start();
}

void Hub::stop()
{
    if (!_server)
        return;
    _server->stop();
    static_cast<HubConnectionFactory&>(*_connectionFactory).abortActive();
    _timer.cancel(true);
    for (auto& loop : _loops)
        loop->stop();
    _handoff->stop();
    _workers->joinAll();
    _server.reset();
    _bus.close();
}

Poco::UInt16 Hub::port() const
{
    return _server ? _server->port() : static_cast<Poco::UInt16>(_settings.port);
}

void Hub::mountEventStream(const std::string& path, std::vector<std::string> defaultTopics)
{
    _router->mount(path, [this, topics = std::move(defaultTopics)](const Poco::Net::HTTPServerRequest&) {
        return new EventStreamHandler(*this, topics);
    });
}

void Hub::park(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
               std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout)
{
    ConnectionLimit::Slot slot = reserveConnection();
    LoopHttpConnection::Request parked;
    parked.waiter = std::move(waiter);
    parked.timeout = timeout;
    parked.httpVersion = request.getVersion();
    parked.keepAlive =
        response.getKeepAlive() && !LoopHttpConnection::hasBody(request, request.getContentLength64());

    auto& requestImpl = static_cast<Poco::Net::HTTPServerRequestImpl&>(request);
    // A client may have sent its next request already; the server has read it with this one.
    Poco::Buffer<char> buffered(0);
    requestImpl.session().drainBuffer(buffered);
    std::string ahead(buffered.begin(), buffered.size());
    Poco::Net::StreamSocket socket = requestImpl.detachSocket();
    // A connection a worker took back from a loop may still replay bytes the loop had read.
    if (auto* replayed = dynamic_cast<ReplayedSocketImpl*>(socket.impl()))
        ahead += replayed->takeRest();
    nextLoop().adopt(std::make_unique<LoopHttpConnection>(std::move(socket), std::move(slot), _connections,
                                                          _settings, *_handoff, std::move(parked),
                                                          std::move(ahead)));
}

void Hub::keepAlive(Poco::Net::StreamSocket socket, std::string received)
{
    nextLoop().adopt(std::make_unique<LoopHttpConnection>(
        std::move(socket), ConnectionLimit::Slot(), _connections, _settings, *_handoff,
        LoopHttpConnection::Request(), std::move(received)));
}

ConnectionLimit::Slot Hub::reserveConnection()
{
    ConnectionLimit::Slot slot = _connections.acquire();
    if (!slot)
        throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "the hub serves its maximum of " +
                            Poco::NumberFormatter::format(_connections.maximum()) + " connections");
    return slot;
}

EventLoop& Hub::nextLoop()
{
    return *_loops[_nextLoop.fetch_add(1, std::memory_order_relaxed) % _loops.size()];
}

} // namespace feedhub
