//
// HubSettingsTest.cpp
//

#include "config/HubSettings.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "Poco/Util/MapConfiguration.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::HubSettings;

namespace
{

HubSettings read(const std::map<std::string, std::string>& values)
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
    for (const auto& [key, value] : values)
        config->setString(key, value);
    return HubSettings::fromConfiguration(*config);
}

std::string refusal(const std::string& key, const std::string& value)
{
    try
    {
        read({{key, value}});
    }
    catch (const Poco::InvalidArgumentException& exc)
    {
        return exc.message();
    }
    return "(accepted)";
}

} // namespace

class HubSettingsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HubSettingsTest);
    CPPUNIT_TEST(testDefaults);
    CPPUNIT_TEST(testShippedIniHoldsTheDefaults);
    CPPUNIT_TEST(testValuesAreRead);
    CPPUNIT_TEST(testOutOfRangeRefusedNamingTheKey);
    CPPUNIT_TEST(testNonNumberRefusedNamingTheKey);
    CPPUNIT_TEST(testBadDefaultTopicRefused);
    CPPUNIT_TEST(testHistoryKeysAreRead);
    CPPUNIT_TEST(testBadHistoryChoicesRefused);
    CPPUNIT_TEST(testMetricsKeysAreRead);
    CPPUNIT_TEST(testClusterKeysAreRead);
    CPPUNIT_TEST(testBadClusterValuesRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaults()
    {
        const HubSettings s = read({});
        CPPUNIT_ASSERT_EQUAL(std::string("0.0.0.0"), s.address);
        CPPUNIT_ASSERT_EQUAL(8080, s.port);
        CPPUNIT_ASSERT_EQUAL(8, s.workerThreads);
        CPPUNIT_ASSERT_EQUAL(256, s.workerQueue);
        CPPUNIT_ASSERT_EQUAL(1, s.eventLoops);
        CPPUNIT_ASSERT_EQUAL(std::string("*"), s.corsOrigin);
        CPPUNIT_ASSERT_EQUAL(std::size_t(65536), s.maxBodyBytes);
        CPPUNIT_ASSERT_EQUAL(3000, s.retryMs);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(15),
                             Poco::Timespan::TimeDiff(s.heartbeat.totalSeconds()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(19000), s.maxSubscribers);
        CPPUNIT_ASSERT_EQUAL(std::size_t(16), s.maxTopicsPerConnection);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1 << 20), s.outboxLimitBytes);
        CPPUNIT_ASSERT(s.defaultTopics.empty());
        CPPUNIT_ASSERT(s.historyStore == HubSettings::HistoryStore::SQLITE);
        CPPUNIT_ASSERT_EQUAL(HubSettings::defaultHistoryDatabase(), s.historyDatabase);
        CPPUNIT_ASSERT(s.historySync == HubSettings::HistorySync::NORMAL);
        CPPUNIT_ASSERT_EQUAL(std::size_t(100000), s.historyEvents);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(3600),
                             Poco::Timespan::TimeDiff(s.historyAge.totalSeconds()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(16 << 20), s.historyBytes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(256 << 20), s.historyMemoryBytes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(10000), s.maxTopics);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1000), s.historyGroupEvents);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0),
                             Poco::Timespan::TimeDiff(s.historyCommitWindow.totalMilliseconds()));
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(25),
                             Poco::Timespan::TimeDiff(s.pollDefaultTimeout.totalSeconds()));
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(120),
                             Poco::Timespan::TimeDiff(s.pollMaxTimeout.totalSeconds()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(100), s.pollBatchSize);
    }

    void testShippedIniHoldsTheDefaults()
    {
        Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini(
            new Poco::Util::IniFileConfiguration(TestDaemon::sourceDir() + "/etc/hub.ini"));
        const HubSettings shipped = HubSettings::fromConfiguration(*ini);
        const HubSettings defaults = read({});
        CPPUNIT_ASSERT_EQUAL(defaults.port, shipped.port);
        CPPUNIT_ASSERT_EQUAL(defaults.workerThreads, shipped.workerThreads);
        CPPUNIT_ASSERT_EQUAL(defaults.maxBodyBytes, shipped.maxBodyBytes);
        CPPUNIT_ASSERT_EQUAL(defaults.retryMs, shipped.retryMs);
        CPPUNIT_ASSERT(defaults.heartbeat == shipped.heartbeat);
        CPPUNIT_ASSERT_EQUAL(defaults.maxSubscribers, shipped.maxSubscribers);
        CPPUNIT_ASSERT_EQUAL(defaults.outboxLimitBytes, shipped.outboxLimitBytes);
        CPPUNIT_ASSERT(defaults.historyStore == shipped.historyStore);
        CPPUNIT_ASSERT_EQUAL(defaults.historyDatabase, shipped.historyDatabase);
        CPPUNIT_ASSERT(defaults.historySync == shipped.historySync);
        CPPUNIT_ASSERT_EQUAL(defaults.historyEvents, shipped.historyEvents);
        CPPUNIT_ASSERT(defaults.historyAge == shipped.historyAge);
        CPPUNIT_ASSERT_EQUAL(defaults.historyBytes, shipped.historyBytes);
        CPPUNIT_ASSERT_EQUAL(defaults.historyMemoryBytes, shipped.historyMemoryBytes);
        CPPUNIT_ASSERT_EQUAL(defaults.historyGroupEvents, shipped.historyGroupEvents);
        CPPUNIT_ASSERT(defaults.historyCommitWindow == shipped.historyCommitWindow);
        CPPUNIT_ASSERT_EQUAL(defaults.maxTopics, shipped.maxTopics);
        CPPUNIT_ASSERT(defaults.pollDefaultTimeout == shipped.pollDefaultTimeout);
        CPPUNIT_ASSERT(defaults.pollMaxTimeout == shipped.pollMaxTimeout);
        CPPUNIT_ASSERT_EQUAL(defaults.pollBatchSize, shipped.pollBatchSize);
        CPPUNIT_ASSERT_EQUAL(defaults.wsMaxMessageBytes, shipped.wsMaxMessageBytes);
        CPPUNIT_ASSERT_EQUAL(defaults.metricsEnabled, shipped.metricsEnabled);
        CPPUNIT_ASSERT_EQUAL(defaults.metricsAllow, shipped.metricsAllow);
        CPPUNIT_ASSERT(defaults.clusterBackend == shipped.clusterBackend);
        CPPUNIT_ASSERT_EQUAL(defaults.redisAddress.toString(), shipped.redisAddress.toString());
        CPPUNIT_ASSERT_EQUAL(defaults.clusterKeyPrefix, shipped.clusterKeyPrefix);
        CPPUNIT_ASSERT_EQUAL(defaults.nodeName, shipped.nodeName);
        CPPUNIT_ASSERT(defaults.redisTimeout == shipped.redisTimeout);
    }

    void testClusterKeysAreRead()
    {
        const HubSettings defaults = read({});
        CPPUNIT_ASSERT(defaults.clusterBackend == HubSettings::ClusterBackend::NONE);
        CPPUNIT_ASSERT(!defaults.nodeName.empty());
        const HubSettings s = read({{"cluster.backend", "Redis"},
                                    {"cluster.redis_url", "redis://:secret@redis.example:6380/3"},
                                    {"cluster.key_prefix", "chat:"},
                                    {"cluster.node_name", "node-b"},
                                    {"cluster.timeout_ms", "250"}});
        CPPUNIT_ASSERT(s.clusterBackend == HubSettings::ClusterBackend::REDIS);
        CPPUNIT_ASSERT_EQUAL(std::string("redis.example"), s.redisAddress.host);
        CPPUNIT_ASSERT_EQUAL(6380, s.redisAddress.port);
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), s.redisAddress.password);
        CPPUNIT_ASSERT_EQUAL(3, s.redisAddress.database);
        CPPUNIT_ASSERT_EQUAL(std::string("chat:"), s.clusterKeyPrefix);
        CPPUNIT_ASSERT_EQUAL(std::string("node-b"), s.nodeName);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(250), s.redisTimeout.totalMilliseconds());
    }

    void testBadClusterValuesRefused()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("cluster.backend must be none or redis"), refusal("cluster.backend", "etcd"));
        CPPUNIT_ASSERT(refusal("cluster.redis_url", "http://localhost:6379").find("cluster.redis_url") == 0);
        CPPUNIT_ASSERT(refusal("cluster.redis_url", "redis://localhost/99").find("cluster.redis_url") == 0);
        CPPUNIT_ASSERT(refusal("cluster.key_prefix", "two words").find("cluster.key_prefix") == 0);
        CPPUNIT_ASSERT(refusal("cluster.timeout_ms", "5").find("cluster.timeout_ms") == 0);
    }

    void testValuesAreRead()
    {
        const HubSettings s = read({{"server.address", "127.0.0.1"},
                                    {"server.port", "0"},
                                    {"server.event_loops", "2"},
                                    {"server.cors_origin", ""},
                                    {"server.max_body_bytes", "1024"},
                                    {"sse.retry_ms", "500"},
                                    {"sse.heartbeat_seconds", "0"},
                                    {"sse.max_subscribers", "2"},
                                    {"sse.outbox_limit_bytes", "4096"},
                                    {"sse.default_topics", " news , alerts,,"},
                                    {"websocket.max_message_bytes", "4096"},
                                    {"history.max_events", "0"},
                                    {"history.max_age_seconds", "60"},
                                    {"history.max_topics", "5"},
                                    {"poll.default_timeout_seconds", "0"},
                                    {"poll.max_timeout_seconds", "3600"},
                                    {"poll.batch_size", "1"}});
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), s.address);
        CPPUNIT_ASSERT_EQUAL(0, s.port);
        CPPUNIT_ASSERT_EQUAL(2, s.eventLoops);
        CPPUNIT_ASSERT_EQUAL(std::string(), s.corsOrigin);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1024), s.maxBodyBytes);
        CPPUNIT_ASSERT_EQUAL(500, s.retryMs);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0), s.heartbeat.totalMicroseconds());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), s.maxSubscribers);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4096), s.outboxLimitBytes);
        CPPUNIT_ASSERT(std::vector<std::string>({"news", "alerts"}) == s.defaultTopics);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4096), s.wsMaxMessageBytes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), s.historyEvents);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(60),
                             Poco::Timespan::TimeDiff(s.historyAge.totalSeconds()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), s.maxTopics);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0), s.pollDefaultTimeout.totalMicroseconds());
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(3600),
                             Poco::Timespan::TimeDiff(s.pollMaxTimeout.totalSeconds()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), s.pollBatchSize);
    }

    void testOutOfRangeRefusedNamingTheKey()
    {
        const std::vector<std::pair<std::string, std::string>> outOfRange = {
            {"server.port", "65536"},
            {"server.port", "-1"},
            {"server.worker_threads", "0"},
            {"server.worker_queue", "0"},
            {"server.event_loops", "0"},
            {"server.event_loops", "65"},
            {"server.max_body_bytes", "0"},
            {"sse.retry_ms", "-5"},
            {"sse.heartbeat_seconds", "-1"},
            {"sse.max_subscribers", "0"},
            {"sse.max_topics_per_connection", "0"},
            {"sse.outbox_limit_bytes", "10"},
            {"websocket.max_message_bytes", "124"},
            {"history.max_events", "-1"},
            {"history.max_age_seconds", "0"},
            {"history.max_topics", "0"},
            {"poll.default_timeout_seconds", "-1"},
            {"poll.default_timeout_seconds", "121"}, // above the default max_timeout_seconds
            {"poll.max_timeout_seconds", "0"},
            {"poll.batch_size", "0"},
        };
        for (const auto& [key, value] : outOfRange)
        {
            const std::string message = refusal(key, value);
            CPPUNIT_ASSERT_MESSAGE(key + "=" + value + ": " + message,
                                   message.find(key) != std::string::npos);
        }
    }

    void testNonNumberRefusedNamingTheKey()
    {
        for (const char* value : {"lots", "12abc", "", "99999999999999999999"})
        {
            const std::string message = refusal("sse.max_subscribers", value);
            CPPUNIT_ASSERT_MESSAGE(std::string(value) + ": " + message,
                                   message.find("sse.max_subscribers") != std::string::npos);
        }
    }

    void testHistoryKeysAreRead()
    {
        const HubSettings s = read({{"history.store", "memory"},
                                    {"history.database", "/srv/hub/journal.db"},
                                    {"history.sync", "FULL"},
                                    {"history.max_bytes", "2048"},
                                    {"history.memory_budget_bytes", "1048576"},
                                    {"history.group_commit_events", "50"},
                                    {"history.commit_window_ms", "3"}});
        CPPUNIT_ASSERT(s.historyStore == HubSettings::HistoryStore::MEMORY);
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/hub/journal.db"), s.historyDatabase);
        CPPUNIT_ASSERT(s.historySync == HubSettings::HistorySync::FULL);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2048), s.historyBytes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1048576), s.historyMemoryBytes);
        CPPUNIT_ASSERT_EQUAL(std::size_t(50), s.historyGroupEvents);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(3),
                             Poco::Timespan::TimeDiff(s.historyCommitWindow.totalMilliseconds()));
        CPPUNIT_ASSERT(read({{"history.database", ""}}).historyDatabase ==
                       HubSettings::defaultHistoryDatabase());
    }

    void testBadHistoryChoicesRefused()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("history.store must be sqlite or memory"),
                             refusal("history.store", "redis"));
        CPPUNIT_ASSERT_EQUAL(std::string("history.sync must be normal or full"),
                             refusal("history.sync", "off"));
    }

    void testMetricsKeysAreRead()
    {
        const HubSettings defaults = read({});
        CPPUNIT_ASSERT(defaults.metricsEnabled);
        CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.0/8, ::1"), defaults.metricsAllow);
        const HubSettings s = read({{"metrics.enabled", "false"}, {"metrics.allow", "10.0.0.0/8, fd00::/8"}});
        CPPUNIT_ASSERT(!s.metricsEnabled);
        CPPUNIT_ASSERT_EQUAL(std::string("10.0.0.0/8, fd00::/8"), s.metricsAllow);
        const std::string message = refusal("metrics.allow", "127.0.0.1, localhost");
        CPPUNIT_ASSERT_MESSAGE(message, message.find("metrics.allow: 'localhost'") == 0);
    }

    void testBadDefaultTopicRefused()
    {
        const std::string message = refusal("sse.default_topics", "news, bad topic");
        CPPUNIT_ASSERT_MESSAGE(message, message.find("sse.default_topics") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find("bad topic") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HubSettingsTest);
