//
// HubSettings.cpp
//

#include "config/HubSettings.h"
#include "config/SettingValues.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/NumberFormatter.h"
#include "Poco/Path.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "feedhub/TopicName.h"
#include "metrics/AddressRanges.h"
#include <algorithm>

namespace feedhub
{

namespace
{

std::size_t readSize(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                     std::size_t fallback, int lowest, int highest)
{
    return static_cast<std::size_t>(SettingValues::readInt(config, key, static_cast<int>(fallback), lowest, highest));
}

} // namespace

// A section added here is one more line. HubConfigurationTest checks that the
// lists name exactly the keys fromConfiguration() reads, and that etc/hub.ini
// documents each.
const std::vector<SectionKeys> HubSettings::SECTIONS = {
    {"server", {"address", "port", "worker_threads", "worker_queue", "event_loops", "cors_origin", "max_connections",
                "max_head_bytes", "max_body_bytes", "request_timeout_seconds", "keepalive_timeout_seconds"}},
    {"sse", {"retry_ms", "heartbeat_seconds", "max_subscribers", "max_topics_per_connection", "outbox_limit_bytes",
             "default_topics"}},
    {"websocket", {"max_message_bytes"}},
    {"history", {"store", "database", "sync", "max_events", "max_age_seconds", "max_bytes", "memory_budget_bytes",
                 "max_topics", "commit_window_ms", "group_commit_events"}},
    {"poll", {"default_timeout_seconds", "max_timeout_seconds", "batch_size"}},
    {"web", {"enabled", "root"}},
    {"metrics", {"enabled", "allow"}},
    {"cluster", {"backend", "redis_url", "key_prefix", "node_name", "timeout_ms"}},
};

std::string HubSettings::defaultHistoryDatabase()
{
    const char* folder = Poco::File(FEEDHUB_STATE_DIR).exists() ? FEEDHUB_STATE_DIR : FEEDHUB_BUILD_STATE_DIR;
    return Poco::Path(folder).makeDirectory().setFileName("history.db").toString();
}

std::string HubSettings::defaultNodeName()
{
    return Poco::Environment::nodeName();
}

HubSettings HubSettings::fromConfiguration(const Poco::Util::AbstractConfiguration& config)
{
    HubSettings s;
    s.address = config.getString("server.address", s.address);
    s.port = SettingValues::readInt(config, "server.port", s.port, 0, 65535);
    s.workerThreads = SettingValues::readInt(config, "server.worker_threads", s.workerThreads, 1, 256);
    s.workerQueue = SettingValues::readInt(config, "server.worker_queue", s.workerQueue, 1, 65536);
    s.eventLoops = SettingValues::readInt(config, "server.event_loops", s.eventLoops, 1, 64);
    s.corsOrigin = config.getString("server.cors_origin", s.corsOrigin);
    s.maxConnections = readSize(config, "server.max_connections", s.maxConnections, 0, 10000000);
    s.maxHeadBytes = readSize(config, "server.max_head_bytes", s.maxHeadBytes, 1024, 1 << 20);
    s.maxBodyBytes = readSize(config, "server.max_body_bytes", s.maxBodyBytes, 1, 64 << 20);
    s.requestTimeout = SettingValues::readSeconds(config, "server.request_timeout_seconds", s.requestTimeout, 1, 3600);
    s.keepAliveTimeout = SettingValues::readSeconds(config, "server.keepalive_timeout_seconds", s.keepAliveTimeout, 1, 3600);

    s.retryMs = SettingValues::readInt(config, "sse.retry_ms", s.retryMs, 0, 3600000);
    s.heartbeat = SettingValues::readSeconds(config, "sse.heartbeat_seconds", s.heartbeat, 0, 3600);
    s.maxSubscribers = readSize(config, "sse.max_subscribers", s.maxSubscribers, 1, 10000000);
    s.maxTopicsPerConnection =
        readSize(config, "sse.max_topics_per_connection", s.maxTopicsPerConnection, 1, 1024);
    s.outboxLimitBytes = readSize(config, "sse.outbox_limit_bytes", s.outboxLimitBytes, 1024, 1 << 30);
    Poco::StringTokenizer topics(config.getString("sse.default_topics", ""), ",",
                                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& topic : topics)
    {
        if (!TopicName::isValid(topic))
            throw Poco::InvalidArgumentException("sse.default_topics: invalid topic '" + topic + "'");
        s.defaultTopics.push_back(topic);
    }

    s.wsMaxMessageBytes =
        readSize(config, "websocket.max_message_bytes", s.wsMaxMessageBytes, 125, 64 << 20);

    s.historyStore = SettingValues::readChoice(config, "history.store", s.historyStore,
                                {{"sqlite", HistoryStore::SQLITE}, {"memory", HistoryStore::MEMORY}});
    const std::string database = Poco::trim(config.getString("history.database", ""));
    if (!database.empty())
        s.historyDatabase = database;
    s.historySync = SettingValues::readChoice(config, "history.sync", s.historySync,
                               {{"normal", HistorySync::NORMAL}, {"full", HistorySync::FULL}});
    s.historyEvents = readSize(config, "history.max_events", s.historyEvents, 0, 100000000);
    s.historyAge = SettingValues::readSeconds(config, "history.max_age_seconds", s.historyAge, 1, 30 * 86400);
    s.historyBytes = readSize(config, "history.max_bytes", s.historyBytes, 1024, 1 << 30);
    s.historyMemoryBytes = readSize(config, "history.memory_budget_bytes", s.historyMemoryBytes, 0, 1 << 30);
    s.maxTopics = readSize(config, "history.max_topics", s.maxTopics, 1, 10000000);
    s.historyCommitWindow = Poco::Timespan(
        0, 1000 * SettingValues::readInt(config, "history.commit_window_ms",
                          static_cast<int>(s.historyCommitWindow.totalMilliseconds()), 0, 100));
    s.historyGroupEvents = readSize(config, "history.group_commit_events", s.historyGroupEvents, 1, 100000);

    s.clusterBackend = SettingValues::readChoice(config, "cluster.backend", s.clusterBackend,
                                  {{"none", ClusterBackend::NONE}, {"redis", ClusterBackend::REDIS}});
    if (config.hasProperty("cluster.redis_url"))
        s.redisAddress = RedisAddress::parse(Poco::trim(config.getString("cluster.redis_url")));
    s.clusterKeyPrefix = Poco::trim(config.getString("cluster.key_prefix", s.clusterKeyPrefix));
    if (s.clusterKeyPrefix.empty() || s.clusterKeyPrefix.size() > 64 ||
        std::any_of(s.clusterKeyPrefix.begin(), s.clusterKeyPrefix.end(),
                    [](unsigned char c) { return c <= ' ' || c > '~'; }))
        throw Poco::InvalidArgumentException("cluster.key_prefix must be 1 to 64 printable characters without spaces");
    s.nodeName = Poco::trim(config.getString("cluster.node_name", s.nodeName));
    if (s.nodeName.empty())
        s.nodeName = defaultNodeName();
    s.redisTimeout = Poco::Timespan(
        0, 1000 * SettingValues::readInt(config, "cluster.timeout_ms",
                                         static_cast<int>(s.redisTimeout.totalMilliseconds()), 10, 60000));

    s.pollMaxTimeout = SettingValues::readSeconds(config, "poll.max_timeout_seconds", s.pollMaxTimeout, 1, 3600);
    s.pollDefaultTimeout = SettingValues::readSeconds(config, "poll.default_timeout_seconds", s.pollDefaultTimeout, 0,
                                       static_cast<int>(s.pollMaxTimeout.totalSeconds()));
    s.pollBatchSize = readSize(config, "poll.batch_size", s.pollBatchSize, 1, 10000);

    s.webEnabled = SettingValues::readBool(config, "web.enabled", s.webEnabled);
    s.webRoot = config.getString("web.root", s.webRoot);
    if (!s.webRoot.empty() && !(Poco::File(s.webRoot).exists() && Poco::File(s.webRoot).isDirectory()))
        throw Poco::InvalidArgumentException("web.root: " + s.webRoot + " is not a folder");

    s.metricsEnabled = config.getBool("metrics.enabled", s.metricsEnabled);
    s.metricsAllow = config.getString("metrics.allow", s.metricsAllow);
    AddressRanges::parse(s.metricsAllow, "metrics.allow");
    return s;
}

} // namespace feedhub
