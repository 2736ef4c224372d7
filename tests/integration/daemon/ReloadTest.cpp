//
// ReloadTest.cpp
//
// SIGHUP makes the running daemon read hub.ini again: feeds are switched on
// and off while SSE subscribers and waiting long-poll clients stay connected,
// and a file with an error changes nothing. The feeds are clocks (plugins/example) whose ticks carry a count,
// so a feed that restarted shows as a count starting again at 1.
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Thread.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <fstream>
#include <map>
#include <regex>

class ReloadTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReloadTest);
    CPPUNIT_TEST(testReloadSwitchesFeedsUnderAConnectedSubscriber);
    CPPUNIT_TEST(testChangedSectionRestartsOnlyThatFeed);
    CPPUNIT_TEST(testBrokenFileKeepsTheRunningConfiguration);
    CPPUNIT_TEST(testFeedRefusingItsNewSectionRefusesTheFile);
    CPPUNIT_TEST(testEachMalformedFileIsRefusedWithItsLine);
    CPPUNIT_TEST(testFeedFailingToStartRunsOnWithItsPreviousSettings);
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

    void testFeedRefusingItsNewSectionRefusesTheFile()
    {
        TestDaemon hub(feeds("clock_a"), clock("clock_a", "reload.a"));
        Ticks ticks(hub, "reload.a", "reload.b");
        ticks.until("reload.a", 2);

        hub.writeConfig(feeds("clock_a"), clock("clock_a", "reload.b", 1));
        reload(hub, "hub.ini refused");
        ticks.skipToMarker();
        ticks.until("reload.a", 3);

        CPPUNIT_ASSERT_EQUAL(0, ticks.countAfterMarker("reload.b"));
        CPPUNIT_ASSERT_MESSAGE("clock_a restarted", ticks.neverRestarted("reload.a"));
        assertBlames(hub, "interval_ms", "feed[.]clock_a[.]interval_ms must be at least 10");
        assertOneOutcomePerReload(hub, 1);
        CPPUNIT_ASSERT(!hub.logContains("feed clock_a stopped"));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testEachMalformedFileIsRefusedWithItsLine()
    {
        // Each broken file also enables clock_b and drops clock_a: refused, neither happens.
        struct Case
        {
            std::string line;
            std::string blame;
            std::string extraIni;
        };
        const std::vector<Case> cases = {
            {"enabled clock_b", "'enabled clock_b' is not a \\[section\\] header", "enabled clock_b\n"},
            {"feeds]", "the section header 'feeds\\]' misses its '\\['", "feeds]\n"},
            {"[feeds", "the section header '\\[feeds' misses its '\\]'", "[feeds\n"},
            {"[cache]", "unknown section \\[cache\\]", "[cache]\nsize = 1\n"},
            {"colour = blue", "unknown key 'colour' in \\[web\\]", "[web]\ncolour = blue\n"},
            {"interval_ms = abc", "feed[.]clock_b[.]interval_ms: ", "[feed.clock_b]\ninterval_ms = abc\n"},
        };
        TestDaemon hub(feeds("clock_a"), clock("clock_a", "reload.a"));
        Ticks ticks(hub, "reload.a", "reload.b");
        ticks.until("reload.a", 2);
        for (std::size_t i = 0; i < cases.size(); ++i)
        {
            const Case& broken = cases[i];
            std::string extra = clock("clock_b", "reload.b");
            // The feed's bad value replaces its good one.
            if (broken.extraIni.rfind("[feed.clock_b]", 0) == 0)
                extra = "[feed.clock_b]\nlibrary = example\ntopic = reload.b\ninterval_ms = abc\n";
            else
                extra += broken.extraIni;
            hub.writeConfig(feeds("clock_b"), extra);
            reload(hub, "hub.ini refused");
            assertBlames(hub, broken.line, broken.blame);
            assertOneOutcomePerReload(hub, i + 1);
        }
        ticks.skipToMarker();
        ticks.until("reload.a", 3);
        CPPUNIT_ASSERT_EQUAL(0, ticks.countAfterMarker("reload.b"));
        CPPUNIT_ASSERT_MESSAGE("clock_a restarted", ticks.neverRestarted("reload.a"));
        CPPUNIT_ASSERT(!hub.logContains("stopped"));
        CPPUNIT_ASSERT(!hub.logContains("reloaded"));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testFeedFailingToStartRunsOnWithItsPreviousSettings()
    {
        const std::string scripted = "[feed.script]\nlibrary = " + FeedPlugins::testPath("scripted") +
                                     "\ntopic = reload.script\n";
        TestDaemon hub(feeds("clock_a, script"), clock("clock_a", "reload.a") + scripted);
        Ticks ticks(hub, "reload.a", "reload.none");
        ticks.until("reload.a", 2);

        // configure() takes fail_in = start; start() then throws.
        hub.writeConfig(feeds("clock_a, script"), clock("clock_a", "reload.a") + scripted + "fail_in = start\n");
        reload(hub, "hub.ini applied but");
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.logContains("hub.ini applied but feed script failed to start (start "
                                                          "failed: Runtime exception: failing in start as asked) "
                                                          "and runs on with its previous settings; feeds running: "
                                                          "clock_a, script"));
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/scripted").status);
        ticks.skipToMarker();
        ticks.until("reload.a", 2);
        CPPUNIT_ASSERT(ticks.neverRestarted("reload.a"));
        assertOneOutcomePerReload(hub, 1);
        CPPUNIT_ASSERT(!hub.logContains("reloaded"));
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

    static void assertBlames(const TestDaemon& hub, const std::string& line, const std::string& blame)
    /// The log's last refusal names the file, the line holding line, and blame (a regex).
    {
        const std::string log = hub.log();
        const std::string last = log.substr(log.rfind("hub.ini refused"));
        const std::regex expected("hub[.]ini refused, the running configuration stays: " +
                                  std::regex_replace(hub.configPath(), std::regex("[.]"), "[.]") + ":" +
                                  std::to_string(lineOf(hub.configPath(), line)) + ": " + blame);
        CPPUNIT_ASSERT_MESSAGE("the refusal does not name line '" + line + "' and '" + blame + "':\n" + last,
                               std::regex_search(last, expected));
    }

    static void assertOneOutcomePerReload(const TestDaemon& hub, std::size_t reloads)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(hub.log(), reloads, occurrences(hub.log(), "SIGHUP: "));
    }

    static int lineOf(const std::string& path, const std::string& text)
    {
        std::ifstream in(path);
        std::string line;
        for (int number = 1; std::getline(in, line); ++number)
        {
            if (line == text || line.find(text + " =") == 0)
                return number;
        }
        return 0;
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
