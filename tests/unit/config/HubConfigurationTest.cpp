//
// HubConfigurationTest.cpp
//

#include "config/HubConfiguration.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

using feedhub::HubConfiguration;

class HubConfigurationTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HubConfigurationTest);
    CPPUNIT_TEST(testReadsSettingsFeedsAndLogLevel);
    CPPUNIT_TEST(testBadValueNamesItsLine);
    CPPUNIT_TEST(testBadFeedListNamesItsLine);
    CPPUNIT_TEST(testBadLogLevelNamesItsLine);
    CPPUNIT_TEST(testMissingFileIsRefused);
    CPPUNIT_TEST(testChangedSettingsNeedARestart);
    CPPUNIT_TEST(testFeedAndLogChangesApplyLive);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        _path = _dir + "/hub.ini";
    }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testReadsSettingsFeedsAndLogLevel()
    {
        const HubConfiguration configuration = read("[server]\n"
                                                    "port = 9000\n"
                                                    "[log]\n"
                                                    "level = warning\n"
                                                    "[feeds]\n"
                                                    "enabled = clock\n"
                                                    "[feed.clock]\n"
                                                    "library = example\n");
        CPPUNIT_ASSERT_EQUAL(9000, configuration.hub().port);
        CPPUNIT_ASSERT_EQUAL(static_cast<int>(Poco::Message::PRIO_WARNING), configuration.logLevel());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), configuration.feeds().enabled.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/plugins/example.so"), configuration.feeds().enabled[0].library);
    }

    void testBadValueNamesItsLine()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":4: server.worker_threads must be a whole number between 1 and 256",
                             refusal("; a comment\n"
                                     "[server]\n"
                                     "port = 8080\n"
                                     "worker_threads = many\n"));
    }

    void testBadFeedListNamesItsLine()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::size_t(0),
            refusal("[feeds]\nenabled = clock, no spaces\n").find(_path + ":2: feeds.enabled"));
    }

    void testBadLogLevelNamesItsLine()
    {
        CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                             refusal("[log]\nlevel = chatty\n").find(_path + ":2: log.level 'chatty'"));
    }

    void testMissingFileIsRefused()
    {
        CPPUNIT_ASSERT_THROW(HubConfiguration::read(_dir + "/none.ini", {"/plugins"}), Poco::DataException);
    }

    void testChangedSettingsNeedARestart()
    {
        const HubConfiguration running =
            read("[server]\nport = 8080\nworker_threads = 8\n[sse]\nretry_ms = 3000\n");
        const HubConfiguration next =
            read("[server]\nPORT = 9090\nworker_threads = 8\n[history]\nmax_events = 5\n");
        const std::vector<std::string> changes = next.changesNeedingRestart(running);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), changes.size());
        CPPUNIT_ASSERT_EQUAL(_path + ":5: [history] max_events changed from '(default)' to '5'", changes[0]);
        CPPUNIT_ASSERT_EQUAL(_path + ":2: [server] port changed from '8080' to '9090'", changes[1]);
        CPPUNIT_ASSERT_EQUAL(_path + ": [sse] retry_ms changed from '3000' to '(default)'", changes[2]);
    }

    void testFeedAndLogChangesApplyLive()
    {
        const HubConfiguration running =
            read("[log]\nlevel = information\n[feeds]\nenabled = a\n[feed.a]\nx = 1\n");
        const HubConfiguration next = read("[log]\nlevel = debug\n[feeds]\nenabled = b\n[feed.b]\nx = 2\n");
        CPPUNIT_ASSERT(next.changesNeedingRestart(running).empty());
    }

private:
    HubConfiguration read(const std::string& text)
    {
        std::ofstream(_path) << text;
        return HubConfiguration::read(_path, {"/plugins"});
    }

    std::string refusal(const std::string& text)
    {
        try
        {
            read(text);
        }
        catch (const Poco::DataException& exc)
        {
            return exc.message();
        }
        CPPUNIT_FAIL("the file was accepted");
        return "";
    }

    std::string _dir;
    std::string _path;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HubConfigurationTest);
