//
// ReloadTest.cpp
//
// SIGHUP makes the running daemon read hub.ini again: feeds are switched on
// and off while SSE subscribers and waiting long-poll clients stay connected,
// and a file with an error changes nothing. The feeds are clocks (plugins/example) whose ticks carry a count,
// so a feed that restarted shows as a count starting again at 1.
//

#include "HttpCall.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Thread.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <map>
#include <regex>

class ReloadTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReloadTest);
    CPPUNIT_TEST(testReloadSwitchesFeedsUnderAConnectedSubscriber);
    CPPUNIT_TEST(testChangedSectionRestartsOnlyThatFeed);
    CPPUNIT_TEST(testBrokenFileKeepsTheRunningConfiguration);
    CPPUNIT_TEST(testFeedRefusingItsNewSectionKeepsItsPreviousOne);
    CPPUNIT_TEST(testSettingThatNeedsARestartIsReported);
    CPPUNIT_TEST_SUITE_END();

public:
    void testReloadSwitchesFeedsUnderAConnectedSubscriber()
    {
        TestDaemon hub(feeds("clock_a, clock_c"),
                       clock("clock_a", "reload.a") + clock("clock_c", "reload.c"));
        Ticks ticks(hub, "reload.a", "reload.b", "reload.c");
        ticks.until("reload.a", 2);
        ticks.until("reload.c", 2);
        // A long-poll client waits on the topic of the feed the reload enables.
        const std::string now = HttpCall::publish(hub.port(), "reload.cursor", "now");
        PollClient poller(hub.port());
        poller.send("GET", "/poll?topic=reload.b&timeout=60&since=" + now.substr(now.rfind(':') + 1));
        CPPUNIT_ASSERT(!poller.responseArrives(200));

        hub.writeConfig(feeds("clock_b, clock_c"),
                        clock("clock_b", "reload.b") + clock("clock_c", "reload.c"));
        reload(hub, "hub.ini reloaded");
        ticks.skipToMarker();
        ticks.until("reload.b", 10);

        CPPUNIT_ASSERT_EQUAL(0, ticks.countAfterMarker("reload.a"));
        CPPUNIT_ASSERT(ticks.countAfterMarker("reload.c") > 0);
        CPPUNIT_ASSERT_MESSAGE("clock_c, untouched by the reload, restarted",
                               ticks.neverRestarted("reload.c"));
        CPPUNIT_ASSERT(hub.logContains("feed clock_a stopped"));
        const PollClient::Response polled = poller.receive();
        CPPUNIT_ASSERT_EQUAL(200, polled.status);
        CPPUNIT_ASSERT_EQUAL(std::string("reload.b:"), polled.eventIds().at(0).substr(0, 9));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testChangedSectionRestartsOnlyThatFeed()
    {
        TestDaemon hub(feeds("clock_a, clock_c"),
                       clock("clock_a", "reload.a") + clock("clock_c", "reload.c"));
        Ticks ticks(hub, "reload.a", "reload.c");
        ticks.until("reload.a", 3);
        ticks.until("reload.c", 3);

        hub.writeConfig(feeds("clock_a, clock_c"),
                        clock("clock_a", "reload.a", 60) + clock("clock_c", "reload.c"));
        reload(hub, "hub.ini reloaded");
        ticks.skipToMarker();
        ticks.until("reload.a", 3);
        ticks.until("reload.c", 3);

        CPPUNIT_ASSERT_MESSAGE("clock_a's section changed but it did not restart",
                               !ticks.neverRestarted("reload.a"));
        CPPUNIT_ASSERT_MESSAGE("clock_c, untouched by the reload, restarted",
                               ticks.neverRestarted("reload.c"));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testBrokenFileKeepsTheRunningConfiguration()
    {
        TestDaemon hub(feeds("clock_a"), clock("clock_a", "reload.a"));
        Ticks ticks(hub, "reload.a", "reload.b");
        ticks.until("reload.a", 2);

        TestDaemon::Settings broken = feeds("clock_b");
        broken["server.worker_threads"] = "many";
        hub.writeConfig(broken, clock("clock_b", "reload.b"));
        reload(hub, "hub.ini refused");
        ticks.skipToMarker();
        ticks.until("reload.a", 5);

        CPPUNIT_ASSERT_EQUAL(0, ticks.countAfterMarker("reload.b"));
        CPPUNIT_ASSERT(ticks.neverRestarted("reload.a"));
        const std::regex blame(std::regex_replace(hub.configPath(), std::regex("[.]"), "[.]") +
                               ":[0-9]+: server[.]worker_threads must be");
        CPPUNIT_ASSERT_MESSAGE("the log does not name the wrong line:\n" + hub.log(),
                               std::regex_search(hub.log(), blame));
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testFeedRefusingItsNewSectionKeepsItsPreviousOne()
    {
        TestDaemon hub(feeds("clock_a"), clock("clock_a", "reload.a"));
        Ticks ticks(hub, "reload.a", "reload.b");
        ticks.until("reload.a", 2);

        hub.writeConfig(feeds("clock_a"), clock("clock_a", "reload.b", 1));
        reload(hub, "hub.ini reloaded");
        ticks.skipToMarker();
        ticks.until("reload.a", 3);

        CPPUNIT_ASSERT_EQUAL(0, ticks.countAfterMarker("reload.b"));
        CPPUNIT_ASSERT(hub.logContains("interval_ms must be at least 10"));
        CPPUNIT_ASSERT(hub.logContains("feed clock_a runs on with its previous settings"));

        // The same file again: the feed still falls back to the settings it runs with.
        reload(hub, "hub.ini reloaded");
        ticks.until("reload.a", 3);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), occurrences(hub.log(), "runs on with its previous settings"));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testSettingThatNeedsARestartIsReported()
    {
        TestDaemon hub(feeds("clock_a"), clock("clock_a", "reload.a"));
        TestDaemon::Settings changed = feeds("clock_a");
        changed["server.port"] = "9999";
        changed["sse.retry_ms"] = "1234";
        hub.writeConfig(changed, clock("clock_a", "reload.a"));
        reload(hub, "hub.ini reloaded");

        CPPUNIT_ASSERT(
            hub.logContains("[server] port changed from '(default)' to '9999'; it needs a restart"));
        CPPUNIT_ASSERT(
            hub.logContains("[sse] retry_ms changed from '(default)' to '1234'; it needs a restart"));
        SseClient client(hub.port(), "/events?topic=reload.a");
        client.expect();
        CPPUNIT_ASSERT_EQUAL(3000, client.retry());
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

private:
    class Ticks
    /// One subscriber on the clocks' topics and a marker topic, and the
    /// tick counts it received per topic.
    {
    public:
        Ticks(TestDaemon& hub, const std::string& first, const std::string& second,
              const std::string& third = "reload.none")
            : _hub(hub), _client(hub.port(), "/events?topic=" + first + "&topic=" + second +
                                                 "&topic=" + third + "&topic=" + MARKER)
        {
            CPPUNIT_ASSERT_EQUAL(200, _client.status());
        }

        void until(const std::string& topic, std::size_t count)
        /// Reads until count more ticks of topic arrived (since the marker, if any).
        {
            const std::size_t wanted =
                (_afterMarker ? countAfterMarker(topic) : _counts[topic].size()) + count;
            while ((_afterMarker ? countAfterMarker(topic) : _counts[topic].size()) < wanted)
                read();
        }

        void skipToMarker()
        /// Publishes the marker and reads up to it: what follows was
        /// published after the reload was done.
        {
            HttpCall::publish(_hub.port(), MARKER, "reloaded");
            while (!_afterMarker)
                read();
        }

        int countAfterMarker(const std::string& topic) const
        {
            auto it = _sinceMarker.find(topic);
            return it == _sinceMarker.end() ? 0 : it->second;
        }

        bool neverRestarted(const std::string& topic) const
        /// Each tick's count follows the one before: no restart, no loss.
        {
            const std::vector<int>& counts = _counts.at(topic);
            for (std::size_t i = 1; i < counts.size(); ++i)
            {
                if (counts[i] != counts[i - 1] + 1)
                    return false;
            }
            return true;
        }

    private:
        void read()
        {
            const SseClient::Event event = _client.expect(10000);
            const std::string topic = event.id.substr(0, event.id.rfind(':'));
            if (topic == MARKER)
            {
                _afterMarker = true;
                return;
            }
            Poco::JSON::Object::Ptr tick =
                Poco::JSON::Parser().parse(event.data).extract<Poco::JSON::Object::Ptr>();
            _counts[topic].push_back(tick->getValue<int>("count"));
            if (_afterMarker)
                ++_sinceMarker[topic];
        }

        static constexpr const char* MARKER = "reload.marker";
        TestDaemon& _hub;
        SseClient _client;
        std::map<std::string, std::vector<int>> _counts;
        std::map<std::string, int> _sinceMarker;
        bool _afterMarker = false;
    };

    static TestDaemon::Settings feeds(const std::string& enabled)
    {
        return {{"feeds.enabled", enabled}, {"feeds.plugin_dir", TestDaemon::buildDir() + "/plugins"}};
    }

    static std::string clock(const std::string& name, const std::string& topic, int intervalMs = 50)
    {
        return "[feed." + name + "]\nlibrary = example\ntopic = " + topic +
               "\ninterval_ms = " + std::to_string(intervalMs) + "\n";
    }

    static void reload(TestDaemon& hub, const std::string& outcome)
    /// Sends SIGHUP and waits until the log shows outcome once more.
    {
        const std::size_t before = occurrences(hub.log(), outcome);
        hub.signal(SIGHUP);
        for (int waited = 0; waited < 10000 && occurrences(hub.log(), outcome) == before; waited += 20)
            Poco::Thread::sleep(20);
        CPPUNIT_ASSERT_MESSAGE("no new '" + outcome + "' in the log:\n" + hub.log(),
                               occurrences(hub.log(), outcome) > before);
    }

    static std::size_t occurrences(const std::string& text, const std::string& part)
    {
        std::size_t count = 0;
        for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
            ++count;
        return count;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReloadTest);
