//
// Hub.cpp
//

#include "hub/Hub.h"
#include "Poco/Logger.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Path.h"
#include "cluster/RedisBus.h"
#include "cluster/RedisMetrics.h"
#include "feedhub/HttpResponse.h"
#include "http/HttpConnection.h"
#include "http/ResponseHead.h"
#include "hub/OpenFiles.h"
#include "poll/LongPollHandler.h"
#include "publish/PublishHandler.h"
#include "routes/HealthHandler.h"
#include "routes/MetricsHandler.h"
#include "routes/StaticFileHandler.h"
#include "routes/TopicsHandler.h"
#include "sse/EventStreamHandler.h"
#include "state/RedisFeedState.h"
#include "state/SqliteFeedState.h"
#include "history/SqliteHistoryStore.h"
#include "ws/WebSocketHandler.h"

namespace feedhub
{

namespace
{

// Deep enough for thousands of subscribers connecting at once.
constexpr int LISTEN_BACKLOG = 4096;

// How often idle topics are forgotten and old history dropped (ms).
constexpr long EXPIRY_INTERVAL_MS = 10000;

std::unique_ptr<Bus> makeBus(const HubSettings& settings)
{
    InProcessBus::Limits limits;
    limits.history.maxEvents = settings.historyEvents;
    limits.history.maxAge = settings.historyAge;
    limits.history.maxBytes = settings.historyBytes;
    limits.memoryBudgetBytes = settings.historyMemoryBytes;
    limits.maxTopics = settings.maxTopics;
    if (settings.clusterBackend == HubSettings::ClusterBackend::REDIS)
        return std::make_unique<RedisBus>(limits, RedisBus::Options{settings.redisAddress, settings.clusterKeyPrefix,
                                                                    settings.nodeName, settings.redisTimeout});
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

std::string outOfDescriptors(const HubSettings& settings)
{
    HttpResponse refusal = HttpResponse::error(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                                               "the hub has no file descriptor left for another connection");
    refusal.set("Retry-After", "1");
    return ResponseHead::write(refusal, settings.corsOrigin, ResponseHead::Framing{false, false, false});
}

HubSettings fitted(HubSettings settings)
{
    for (const std::string& warning : OpenFiles::fit(settings, OpenFiles::limit()))
        Poco::Logger::get("feedhub").warning(warning);
    return settings;
}

} // namespace

Hub::Hub(const HubSettings& settings, const AuthSettings& auth)
    : _settings(fitted(settings)), _busPtr(makeBus(_settings)), _bus(*_busPtr),
      _connections(_settings.maxConnections), _subscribers(_settings.maxSubscribers),
      _authorizer(auth, _settings.corsOrigin),
      _workers(_settings.workerThreads, static_cast<std::size_t>(_settings.workerQueue)),
      _metrics(_bus, _workers,
               _settings.historyStore == HubSettings::HistoryStore::SQLITE ? _settings.historyDatabase : ""),
      _feedPublisher(_bus, _metrics.publishes())
{
    for (int i = 0; i < _settings.eventLoops; ++i)
    {
        _loops.push_back(std::make_unique<EventLoop>(_bus, _settings.heartbeat, "loop-" + std::to_string(i)));
        _metrics.addLoop(_loops.back()->metrics());
    }
    if (const auto* cluster = dynamic_cast<const RedisBus*>(&_bus))
        _metrics.add(std::make_shared<RedisMetrics>(cluster->link()));

    mountEventStream("/events", _settings.defaultTopics);
    _router.mount(LongPollHandler::PATH, std::make_shared<LongPollHandler>(*this), RequestRouter::Runs::ON_LOOP);
    _router.mount(PublishHandler::PATH, std::make_shared<PublishHandler>(*this), RequestRouter::Runs::ON_LOOP);
    _router.mount("/topics", std::make_shared<TopicsHandler>(*this), RequestRouter::Runs::ON_LOOP);
    _router.mount(WebSocketHandler::PATH, std::make_shared<WebSocketHandler>(), RequestRouter::Runs::ON_LOOP);
    _router.mount("/healthz", std::make_shared<HealthHandler>(*this), RequestRouter::Runs::ON_LOOP);
    if (_settings.metricsEnabled)
        _router.mount(MetricsHandler::PATH,
                      std::make_shared<MetricsHandler>(_metrics, AddressRanges::parse(_settings.metricsAllow,
                                                                                     "metrics.allow")),
                      RequestRouter::Runs::ON_WORKER);
    if (_settings.webEnabled)
        _router.setFallback(std::make_shared<StaticFileHandler>(WebRoot(_settings.webRoot)),
                            RequestRouter::Runs::ON_WORKER);
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
    _acceptor = std::make_unique<Acceptor>(
        socket,
        [this](EventLoop& loop, Poco::Net::StreamSocket client, const Poco::Net::SocketAddress& address) {
            accept(loop, std::move(client), address);
        },
        outOfDescriptors(_settings));
    for (auto& loop : _loops)
    {
        loop->listen(*_acceptor);
        loop->start();
    }
    _timer.scheduleAtFixedRate(Poco::Util::Timer::func([this] { _bus.expire(); }), EXPIRY_INTERVAL_MS,
                               EXPIRY_INTERVAL_MS);
    _running = true;
}

void Hub::accept(EventLoop& loop, Poco::Net::StreamSocket socket, const Poco::Net::SocketAddress& client)
{
    // Past the limit the connection is still taken, to be answered 503.
    loop.adopt(std::make_unique<HttpConnection>(std::move(socket), _connections.acquire(), client, *this));
}

void Hub::stop()
{
    if (!_running)
        return;
    _running = false;
    _timer.cancel(true);
    for (auto& loop : _loops)
        loop->stop();
    _workers.stop();
    _acceptor.reset();
    _bus.close();
}

Poco::UInt16 Hub::port() const
{
    return _acceptor ? _acceptor->port() : static_cast<Poco::UInt16>(_settings.port);
}

void Hub::mountEventStream(const std::string& path, std::vector<std::string> defaultTopics)
{
    _router.mount(path, std::make_shared<EventStreamHandler>(*this, std::move(defaultTopics)),
                  RequestRouter::Runs::ON_LOOP);
}

std::unique_ptr<FeedState> Hub::openFeedState(const std::string& feed)
{
    if (auto* cluster = dynamic_cast<RedisBus*>(&_bus))
        return std::make_unique<RedisFeedState>(cluster->link(), _settings.clusterKeyPrefix, feed,
                                                _settings.redisTimeout);
    const Poco::Path file = Poco::Path(_settings.historyDatabase).parent().pushDirectory("feeds").setFileName(feed + ".db");
    return std::make_unique<SqliteFeedState>(file.toString(), _settings.historySync == HubSettings::HistorySync::FULL);
}

} // namespace feedhub
