//
// FeedLoaderTest.cpp
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/StreamCopier.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

class FeedLoaderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FeedLoaderTest);
    CPPUNIT_TEST(testEnabledFeedRunsInDaemon);
    CPPUNIT_TEST(testApiMismatchRefusedWithFileAndVersions);
    CPPUNIT_TEST(testFeedThrowingOnStartDoesNotTakeHubDown);
    CPPUNIT_TEST(testMissingOptionalPluginIsReported);
    CPPUNIT_TEST(testRequiredFeedFailureStopsDaemon);
    CPPUNIT_TEST(testDisabledFeedIsNotLoaded);
    CPPUNIT_TEST(testUnknownKeyWarnedWithFileAndLine);
    CPPUNIT_TEST(testDaemonStopsCleanlyWithFeedsRunning);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEnabledFeedRunsInDaemon()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("clock") + clockSection());
        SseClient client(hub.port(), "/events?topic=clock");
        const SseClient::Event tick = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("tick"), tick.type);
        const Poco::JSON::Object::Ptr data =
            Poco::JSON::Parser().parse(tick.data).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT(data->getValue<int>("count") >= 1);
        CPPUNIT_ASSERT(data->has("time"));
        CPPUNIT_ASSERT(
            hub.logContains("feed clock started: clock (example) from " + FeedPlugins::path("example")));
    }

    void testApiMismatchRefusedWithFileAndVersions()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("old, clock") + clockSection() +
                               "[feed.old]\nlibrary = " + FeedPlugins::testPath("wrong_api") + "\n");
        CPPUNIT_ASSERT_MESSAGE(
            hub.log(),
            hub.logContains("feed old failed and is not running: " + hub.configPath() + ":" +
                            std::to_string(lineOf(hub.configPath(), "wrong_api")) + ": feed.old.library: " +
                            FeedPlugins::testPath("wrong_api") +
                            " was built for plugin API version 999, but this hub "
                            "needs version 4"));
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
        SseClient client(hub.port(), "/events?topic=clock");
        CPPUNIT_ASSERT_EQUAL(std::string("tick"), client.expect().type);
    }

    void testFeedThrowingOnStartDoesNotTakeHubDown()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("bad, clock") + clockSection() +
                               "[feed.bad]\nlibrary = " + FeedPlugins::testPath("scripted") +
                               "\nfail_in = start\n");
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.logContains("feed bad failed and is not running: start failed: "
                                                          "Runtime exception: failing in start as asked"));
        // What the feed did before it threw is undone.
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/scripted").status);
        CPPUNIT_ASSERT_EQUAL(
            201, HttpCall::post(hub.port(), "/publish", "{\"topic\":\"t\",\"data\":\"x\"}").status);
        SseClient client(hub.port(), "/events?topic=clock");
        CPPUNIT_ASSERT_EQUAL(std::string("tick"), client.expect().type);
    }

    void testMissingOptionalPluginIsReported()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("ghost") + "[feed.ghost]\nlibrary = ghost\n");
        CPPUNIT_ASSERT_MESSAGE(
            hub.log(), hub.logContains("feed ghost failed and is not running: " + hub.configPath() + ":" +
                                       std::to_string(lineOf(hub.configPath(), "library = ghost")) +
                                       ": feed.ghost.library: cannot load " + FeedPlugins::path("ghost") +
                                       ": cannot open shared object file"));
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
    }

    void testRequiredFeedFailureStopsDaemon()
    {
        // Run the binary directly, to see it exit and with what.
        const std::string dir = TestDaemon::makeTempDir();
        std::ofstream(dir + "/hub.ini") << "[history]\ndatabase = " << dir << "/history.db\n"
                                        << FeedPlugins::feedsSection("bad")
                                        << "[feed.bad]\nlibrary = " << FeedPlugins::testPath("scripted")
                                        << "\nrequired = true\nfail_in = configure\n";
        Poco::Pipe output;
        Poco::ProcessHandle process = Poco::Process::launch(TestDaemon::buildDir() + "/core/feedhub",
                                                            {"--config", dir + "/hub.ini", "--port", "0"},
                                                            dir, nullptr, &output, &output);
        Poco::PipeInputStream in(output);
        std::string text;
        Poco::StreamCopier::copyToString(in, text);
        const int code = process.wait();
        Poco::File(dir).remove(true);

        CPPUNIT_ASSERT_EQUAL_MESSAGE(text, 78, code); // EX_CONFIG
        CPPUNIT_ASSERT_MESSAGE(
            text, text.find("feedhub cannot start: required feed bad failed: " + dir + "/hub.ini:9: "
                            "feed.bad.fail_in: failing in configure as asked") != std::string::npos);
        CPPUNIT_ASSERT(text.find("listening on port") == std::string::npos);
    }

    void testDisabledFeedIsNotLoaded()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("") + clockSection() +
                               "[feed.scripted]\nlibrary = " + FeedPlugins::testPath("scripted") + "\n");
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/scripted").status);
        SseClient client(hub.port(), "/events?topic=clock");
        SseClient::Event event;
        CPPUNIT_ASSERT(!client.next(event, 300));
        CPPUNIT_ASSERT(!hub.logContains("feed clock"));
        CPPUNIT_ASSERT(!hub.logContains("feed scripted"));
    }

    void testUnknownKeyWarnedWithFileAndLine()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("clock") + clockSection() + "colour = blue\n");
        const std::string expected = hub.configPath() + ":" +
                                     std::to_string(lineOf(hub.configPath(), "colour")) +
                                     ": unknown key 'colour' in [feed.clock] is ignored";
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.logContains(expected));
        CPPUNIT_ASSERT(hub.logContains("feed clock started"));
    }

    void testDaemonStopsCleanlyWithFeedsRunning()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("clock, slow") + clockSection() +
                               "[feed.slow]\nlibrary = " + FeedPlugins::testPath("scripted") + "\n");
        SseClient client(hub.port(), "/events?topic=clock");
        client.expect();
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        CPPUNIT_ASSERT(hub.logContains("feed slow stopped"));
        CPPUNIT_ASSERT(hub.logContains("feed clock stopped"));
    }

private:
    static std::string clockSection()
    {
        return "[feed.clock]\nlibrary = example\ntopic = clock\ninterval_ms = 20\n";
    }

    static int lineOf(const std::string& path, const std::string& text)
    {
        std::ifstream in(path);
        std::string line;
        for (int number = 1; std::getline(in, line); ++number)
        {
            if (line.find(text) != std::string::npos)
                return number;
        }
        return 0;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FeedLoaderTest);
