//
// HubSettings.h
//
// Definition of the HubSettings struct.
//

#ifndef feedhub_HubSettings_INCLUDED
#define feedhub_HubSettings_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Util/AbstractConfiguration.h"
#include "cluster/RedisAddress.h"
#include "config/SectionKeys.h"
#include <string>
#include <vector>

namespace feedhub
{

struct HubSettings
    /// The core's settings, read from hub.ini. etc/hub.ini documents each one.
{
    std::string address = "0.0.0.0";
    int port = 8080;
    int workerThreads = 8;
    int workerQueue = 256;
    int eventLoops = 1;
    std::string corsOrigin = "*";
    std::size_t maxConnections = 0;
        /// 0: sized from the open-files limit (see OpenFiles).
    std::size_t maxHeadBytes = 32768;
    std::size_t maxBodyBytes = 65536;
    Poco::Timespan requestTimeout = Poco::Timespan(10, 0);
    Poco::Timespan keepAliveTimeout = Poco::Timespan(60, 0);

    int retryMs = 3000;
    Poco::Timespan heartbeat = Poco::Timespan(15, 0);
    std::size_t maxSubscribers = 19000;
    std::size_t maxTopicsPerConnection = 16;
    std::size_t outboxLimitBytes = 1 << 20;
    std::vector<std::string> defaultTopics;

    std::size_t wsMaxMessageBytes = 131072;

    enum class HistoryStore
    {
        MEMORY,
        SQLITE
    };
    enum class HistorySync
    {
        NORMAL,
        FULL
    };

    HistoryStore historyStore = HistoryStore::SQLITE;
    std::string historyDatabase = defaultHistoryDatabase();
    HistorySync historySync = HistorySync::NORMAL;
    std::size_t historyEvents = 100000;
    Poco::Timespan historyAge = Poco::Timespan(3600, 0);
    std::size_t historyBytes = 16 << 20;
    std::size_t historyMemoryBytes = 256 << 20;
    std::size_t maxTopics = 10000;
    Poco::Timespan historyCommitWindow;
    std::size_t historyGroupEvents = 1000;

    enum class ClusterBackend
    {
        NONE,
        REDIS
    };

    ClusterBackend clusterBackend = ClusterBackend::NONE;
    RedisAddress redisAddress;
        /// [cluster] redis_url; its defaults are RedisAddress's.
    std::string clusterKeyPrefix = "feedhub:";
    std::string nodeName = defaultNodeName();
    Poco::Timespan redisTimeout = Poco::Timespan(0, 1000 * 1000);

    Poco::Timespan pollDefaultTimeout = Poco::Timespan(25, 0);
    Poco::Timespan pollMaxTimeout = Poco::Timespan(120, 0);
    std::size_t pollBatchSize = 100;

    bool webEnabled = true;
    std::string webRoot;
        /// Empty: the installed dashboard, or the source tree's web/ (see WebRoot).

    bool metricsEnabled = true;
    std::string metricsAllow = "127.0.0.0/8, ::1";
        /// Who may read /metrics: addresses and CIDR ranges (AddressRanges).

    static std::string defaultHistoryDatabase();
        /// history.db in the installed hub's state folder (/var/lib/feedhub)
        /// when it exists, else in the build tree's state/ folder, so that a
        /// development hub never shares a journal in /tmp with another.

    static std::string defaultNodeName();
        /// The machine's host name.

    static const std::vector<SectionKeys> SECTIONS;
        /// The sections fromConfiguration() reads and their keys.

    static HubSettings fromConfiguration(const Poco::Util::AbstractConfiguration& config);
        /// Reads the SECTIONS; a missing key keeps its default. Throws
        /// Poco::InvalidArgumentException naming the key if a value is wrong.
};

} // namespace feedhub

#endif // feedhub_HubSettings_INCLUDED
