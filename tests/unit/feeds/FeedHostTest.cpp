//
// FeedHostTest.cpp
//

#include "feeds/FeedHost.h"
#include "FeedPlugins.h"
#include "HttpCall.h"
#include "LogCapture.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/JSON/Object.h"
#include "Poco/Thread.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>
#include <thread>

using feedhub::FeedHost;
using feedhub::FeedsConfiguration;
using feedhub::FeedSettings;
using feedhub::Hub;
using feedhub::HubSettings;

class FeedHostTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FeedHostTest);
    CPPUNIT_TEST(testGoodPluginLoadsAndRuns);
    CPPUNIT_TEST(testApiMismatchRefusedNamingFileAndVersions);
    CPPUNIT_TEST(testMissingLibraryRefused);
    CPPUNIT_TEST(testLibraryThatIsNotAPluginRefused);
    CPPUNIT_TEST(testThrowInConfigureUnloadsFeed);
    CPPUNIT_TEST(testThrowInStartUndoesWhatFeedDid);
    CPPUNIT_TEST(testFailureOfOneFeedLeavesOthersRunning);
    CPPUNIT_TEST(testDisabledFeedIsNotLoaded);
    CPPUNIT_TEST(testApplyStartsStopsAndRestartsByDifference);
    CPPUNIT_TEST(testSameNameCannotRunTwice);
    CPPUNIT_TEST(testRequestInFlightKeepsFeedAndPluginAlive);
    CPPUNIT_TEST(testStoppedFeedIsUnloaded);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        HubSettings settings;
        settings.address = "127.0.0.1";
        settings.port = 0;
        settings.historyDatabase = _dir + "/history.db";
        _hub = std::make_unique<Hub>(settings);
        _host = std::make_unique<FeedHost>(*_hub);
    }

    void tearDown() override
    {
        _host.reset();
        _hub.reset();
        Poco::File(_dir).remove(true);
    }

    void testGoodPluginLoadsAndRuns()
    {
        LogCapture log;
        _host->start(feed("clock", plugin("example"), {{"topic", "clock.test"}, {"interval_ms", "20"}}));
        CPPUNIT_ASSERT(_host->running() == std::vector<std::string>({"clock"}));
        CPPUNIT_ASSERT(waitForEvents("clock.test", 2));
        CPPUNIT_ASSERT(log.contains("feed clock started: clock (example) from " + plugin("example")));
    }

    void testApiMismatchRefusedNamingFileAndVersions()
    {
        LogCapture log;
        const std::string message = startFailure(feed("old", testPlugin("wrong_api")));
        const std::string expected =
            testPlugin("wrong_api") + " was built for plugin API version 999, but this hub needs version 4";
        CPPUNIT_ASSERT_MESSAGE(message, message.find(expected) != std::string::npos);
        // The caller reports a failure, once; the host logs only what runs.
        CPPUNIT_ASSERT_MESSAGE(log.text(), !log.contains("feed old"));
        CPPUNIT_ASSERT(_host->running().empty());
    }

    void testMissingLibraryRefused()
    {
        const std::string message = startFailure(feed("gone", _dir + "/gone.so"));
        CPPUNIT_ASSERT_MESSAGE(message,
                               message.find("cannot load " + _dir + "/gone.so") != std::string::npos);
    }

    void testLibraryThatIsNotAPluginRefused()
    {
        const std::string library = TestDaemon::buildDir() + "/core/libfeedhub.so";
        const std::string message = startFailure(feed("core", library));
        CPPUNIT_ASSERT_MESSAGE(message,
                               message.find(library + " is not a feedhub plugin") != std::string::npos);
    }

    void testThrowInConfigureUnloadsFeed()
    {
        const std::string message =
            startFailure(feed("bad", testPlugin("scripted"), {{"fail_in", "configure"}}));
        CPPUNIT_ASSERT_MESSAGE(message, message.find("configure failed") != std::string::npos);
        CPPUNIT_ASSERT(message.find("failing in configure as asked") != std::string::npos);
        CPPUNIT_ASSERT(!_hub->router().isMounted("/scripted"));
        CPPUNIT_ASSERT(_host->running().empty());
    }

    void testThrowInStartUndoesWhatFeedDid()
    {
        const std::string message =
            startFailure(feed("bad", testPlugin("scripted"), {{"fail_in", "start"}, {"topic", "bad.ticks"}}));
        CPPUNIT_ASSERT_MESSAGE(message, message.find("start failed") != std::string::npos);
        CPPUNIT_ASSERT(!_hub->router().isMounted("/scripted"));
        // Its timer was cancelled: nothing more is published once it is gone.
        const std::uint64_t before = lastSequence("bad.ticks");
        Poco::Thread::sleep(200);
        CPPUNIT_ASSERT_EQUAL(before, lastSequence("bad.ticks"));
    }

    void testFailureOfOneFeedLeavesOthersRunning()
    {
        FeedsConfiguration configuration;
        configuration.enabled = {
            feed("clock", plugin("example"), {{"topic", "clock.test"}, {"interval_ms", "20"}}),
            feed("bad", testPlugin("scripted"), {{"fail_in", "start"}}, true),
            feed("old", testPlugin("wrong_api"))};
        const std::vector<feedhub::FeedFailure> failures = _host->apply(configuration);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), failures.size());
        CPPUNIT_ASSERT_EQUAL(std::string("bad"), failures[0].feed);
        CPPUNIT_ASSERT(failures[0].required);
        CPPUNIT_ASSERT(failures[0].reason.find("start failed") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("old"), failures[1].feed);
        CPPUNIT_ASSERT(!failures[1].required);
        CPPUNIT_ASSERT(_host->running() == std::vector<std::string>({"clock"}));
        CPPUNIT_ASSERT(waitForEvents("clock.test", 2));
    }

    void testDisabledFeedIsNotLoaded()
    {
        LogCapture log;
        _host->apply(readIni(clockIni() + "[feed.scripted]\nlibrary = " + testPlugin("scripted") + "\n"));
        CPPUNIT_ASSERT(_host->running() == std::vector<std::string>({"clock"}));
        CPPUNIT_ASSERT(!_hub->router().isMounted("/scripted"));
        CPPUNIT_ASSERT(!log.contains("scripted"));
    }

    void testApplyStartsStopsAndRestartsByDifference()
    {
        LogCapture log;
        FeedsConfiguration first;
        first.enabled = {feed("clock", plugin("example"), {{"topic", "first"}, {"interval_ms", "20"}}),
                         feed("scripted", testPlugin("scripted"))};
        CPPUNIT_ASSERT(_host->apply(first).empty());
        CPPUNIT_ASSERT(_host->running() == std::vector<std::string>({"clock", "scripted"}));
        CPPUNIT_ASSERT(_hub->router().isMounted("/scripted"));
        CPPUNIT_ASSERT(waitForEvents("first", 1));

        // The same configuration again changes nothing.
        CPPUNIT_ASSERT(_host->apply(first).empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), occurrences(log.text(), "feed clock started"));

        // A changed section restarts its feed; a feed no longer enabled stops.
        FeedsConfiguration second;
        second.enabled = {feed("clock", plugin("example"), {{"topic", "second"}, {"interval_ms", "20"}})};
        CPPUNIT_ASSERT(_host->apply(second).empty());
        CPPUNIT_ASSERT(_host->running() == std::vector<std::string>({"clock"}));
        CPPUNIT_ASSERT(!_hub->router().isMounted("/scripted"));
        CPPUNIT_ASSERT(log.contains("feed scripted stopped"));
        CPPUNIT_ASSERT(log.contains("feed clock stopped"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), occurrences(log.text(), "feed clock started"));
        CPPUNIT_ASSERT(waitForEvents("second", 1));
        const std::uint64_t firstLast = lastSequence("first");
        Poco::Thread::sleep(100);
        CPPUNIT_ASSERT_EQUAL(firstLast, lastSequence("first"));

        CPPUNIT_ASSERT(_host->apply(FeedsConfiguration()).empty());
        CPPUNIT_ASSERT(_host->running().empty());
    }

    void testSameNameCannotRunTwice()
    {
        _host->start(feed("clock", plugin("example")));
        CPPUNIT_ASSERT_THROW(_host->start(feed("clock", plugin("example"))), Poco::ExistsException);
        CPPUNIT_ASSERT(_host->running() == std::vector<std::string>({"clock"}));
    }

    void testRequestInFlightKeepsFeedAndPluginAlive()
    {
        _hub->start();
        _host->start(feed("slow", testPlugin("scripted"), {{"delay_ms", "400"}}));
        HttpCall::Result result;
        std::thread client([&] { result = HttpCall::get(_hub->port(), "/scripted"); });
        // Stop (and drop the host's hold on) the feed while its handler runs.
        Poco::Thread::sleep(150);
        _host->stop("slow");
        client.join();
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("slow"), result.jsonString("feed"));
        // The handler read the feed object after stop(): still there.
        const Poco::JSON::Object::Ptr body = result.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_MESSAGE(result.body, body->getValue<bool>("stopped"));
        CPPUNIT_ASSERT_EQUAL(1, body->getValue<int>("alive"));
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(_hub->port(), "/scripted").status);
        // Once the request is done the feed goes and the plugin is unloaded.
        for (int i = 0; i < 100 && isMapped(testPlugin("scripted")); ++i)
            Poco::Thread::sleep(20);
        CPPUNIT_ASSERT(!isMapped(testPlugin("scripted")));
    }

    void testStoppedFeedIsUnloaded()
    {
        _host->start(feed("scripted", testPlugin("scripted")));
        CPPUNIT_ASSERT(isMapped(testPlugin("scripted")));
        _host->stop("scripted");
        CPPUNIT_ASSERT(!isMapped(testPlugin("scripted")));
        // A refused plugin is not left loaded either.
        startFailure(feed("old", testPlugin("wrong_api")));
        CPPUNIT_ASSERT(!isMapped(testPlugin("wrong_api")));
    }

private:
    static bool isMapped(const std::string& path)
    {
        std::ifstream maps("/proc/self/maps");
        std::string line;
        while (std::getline(maps, line))
        {
            if (line.find(path) != std::string::npos)
                return true;
        }
        return false;
    }

    static std::string plugin(const std::string& name) { return FeedPlugins::path(name); }

    static std::string testPlugin(const std::string& name) { return FeedPlugins::testPath(name); }

    FeedSettings feed(const std::string& name, const std::string& library,
                      const std::map<std::string, std::string>& section = {}, bool required = false) const
    {
        FeedSettings settings;
        settings.name = name;
        settings.library = library;
        settings.required = required;
        settings.section = section;
        settings.sourcePath = _dir + "/hub.ini";
        return settings;
    }

    static std::string clockIni()
    {
        return "[feeds]\nenabled = clock\n[feed.clock]\nlibrary = " + plugin("example") + "\n";
    }

    FeedsConfiguration readIni(const std::string& ini) const
    {
        const std::string path = _dir + "/hub.ini";
        std::ofstream(path) << ini;
        Poco::AutoPtr<Poco::Util::IniFileConfiguration> config(new Poco::Util::IniFileConfiguration(path));
        return FeedsConfiguration::read(*config, path, {FeedPlugins::dir()});
    }

    std::string startFailure(const FeedSettings& settings)
    {
        try
        {
            _host->start(settings);
        }
        catch (const Poco::RuntimeException& exc)
        {
            return exc.message();
        }
        CPPUNIT_FAIL("feed " + settings.name + " started");
        return std::string();
    }

    std::uint64_t lastSequence(const std::string& topic)
    {
        const std::vector<feedhub::EventPtr> newest = _hub->bus().newest({topic});
        return newest.empty() ? 0 : newest.back()->sequence();
    }

    bool waitForEvents(const std::string& topic, int count)
    {
        for (int waited = 0; waited < 5000; waited += 10)
        {
            if (_hub->bus().replay({topic}, 0, 0).events.size() >= static_cast<std::size_t>(count))
                return true;
            Poco::Thread::sleep(10);
        }
        return false;
    }

    static std::size_t occurrences(const std::string& text, const std::string& part)
    {
        std::size_t count = 0;
        for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
            ++count;
        return count;
    }

    std::string _dir;
    std::unique_ptr<Hub> _hub;
    std::unique_ptr<FeedHost> _host;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FeedHostTest);
