//
// HubConfigurationTest.cpp
//

#include "config/HubConfiguration.h"
#include "config/IniFileLines.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Util/MapConfiguration.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>
#include <set>

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
    CPPUNIT_TEST(testLogFormatNeedsARestart);
    CPPUNIT_TEST(testMalformedLineRefused);
    CPPUNIT_TEST(testUnknownSectionRefused);
    CPPUNIT_TEST(testUnknownKeyInAHubSectionRefused);
    CPPUNIT_TEST(testKeyBeforeAnySectionRefused);
    CPPUNIT_TEST(testFeedSectionsAreTheFeeds);
    CPPUNIT_TEST(testBadLogFormatAndAccessRefused);
    CPPUNIT_TEST(testShippedFileHoldsEveryKnownKey);
    CPPUNIT_TEST(testReadersReadExactlyTheKeysTheyList);
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
        CPPUNIT_ASSERT_EQUAL(static_cast<int>(Poco::Message::PRIO_WARNING), configuration.log().level);
        CPPUNIT_ASSERT(configuration.log().format == feedhub::LogSettings::Format::TEXT);
        CPPUNIT_ASSERT(!configuration.log().access);
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

    void testLogFormatNeedsARestart()
    {
        const HubConfiguration running = read("[log]\nlevel = information\n");
        const HubConfiguration next = read("[log]\nlevel = debug\nformat = json\naccess = true\n");
        CPPUNIT_ASSERT(next.log().format == feedhub::LogSettings::Format::JSON);
        CPPUNIT_ASSERT(next.log().access);
        const std::vector<std::string> changes = next.changesNeedingRestart(running);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), changes.size());
        CPPUNIT_ASSERT_EQUAL(_path + ":3: [log] format changed from '(default)' to 'json'", changes[0]);
    }

    void testMalformedLineRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":3: 'enabled notifications, task_status' is not a [section] header, a ; "
                                     "comment or key = value",
                             refusal("[feeds]\nplugin_dir = /x\nenabled notifications, task_status\n"));
        CPPUNIT_ASSERT_EQUAL(_path + ":2: the section header 'feeds]' misses its '['",
                             refusal("[server]\nfeeds]\nenabled = a\n"));
    }

    void testUnknownSectionRefused()
    {
        const std::string message = refusal("[server]\nport = 1\n[sever]\nport = 2\n");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(message, std::size_t(0),
                                     message.find(_path + ":3: unknown section [sever]; hub.ini has [server], "));
        CPPUNIT_ASSERT(message.find("[feeds], [feed.<name>]") != std::string::npos);
    }

    void testUnknownKeyInAHubSectionRefused()
    {
        const std::string message = refusal("[server]\nport = 1\nworker_thread = 2\n");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(
            message, std::size_t(0),
            message.find(_path + ":3: unknown key 'worker_thread' in [server]; it has address, port, worker_threads"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0),
                             refusal("[feeds]\nenabled = a\nplugins_dir = /x\n")
                                 .find(_path + ":3: unknown key 'plugins_dir' in [feeds]"));
    }

    void testKeyBeforeAnySectionRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":2: 'port' comes before any [section] header",
                             refusal("; hub\nport = 1\n[server]\n"));
    }

    void testFeedSectionsAreTheFeeds()
    {
        // Their keys are checked by the feeds (FeedCheck); a disabled feed's section may stay.
        const HubConfiguration configuration =
            read("[feeds]\nenabled = a\n[feed.a]\nanything = 1\n[feed.off]\nwhatever = 2\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), configuration.feeds().enabled.size());
    }

    void testBadLogFormatAndAccessRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":2: log.format must be text or json", refusal("[log]\nformat = xml\n"));
        CPPUNIT_ASSERT_EQUAL(_path + ":3: log.access must be true or false",
                             refusal("[log]\nformat = json\naccess = sometimes\n"));
    }

    void testShippedFileHoldsEveryKnownKey()
    {
        // etc/hub.ini documents every setting: it passes the check, and each
        // key a reader knows is in it.
        const std::string shipped = TestDaemon::sourceDir() + "/etc/hub.ini";
        HubConfiguration::read(shipped, {"/plugins"});
        for (const auto* sections : {&feedhub::HubSettings::SECTIONS, &feedhub::AuthSettings::SECTIONS,
                                     &feedhub::LogSettings::SECTIONS, &feedhub::FeedsConfiguration::SECTIONS})
        {
            for (const feedhub::SectionKeys& section : *sections)
            {
                for (const std::string& key : section.keys)
                    CPPUNIT_ASSERT_MESSAGE("etc/hub.ini does not document [" + section.section + "] " + key,
                                           feedhub::IniFileLines::find(shipped, section.section, key) != 0);
            }
        }
    }

    void testReadersReadExactlyTheKeysTheyList()
    {
        // What each reader asks an empty configuration for is what its SECTIONS lists.
        Poco::AutoPtr<ReadKeys> asked(new ReadKeys);
        feedhub::HubSettings::fromConfiguration(*asked);
        feedhub::AuthSettings::fromConfiguration(*asked);
        feedhub::LogSettings::fromConfiguration(*asked);
        feedhub::FeedsConfiguration::read(*asked, _path, {"/plugins"});
        std::set<std::string> listed;
        for (const auto* sections : {&feedhub::HubSettings::SECTIONS, &feedhub::AuthSettings::SECTIONS,
                                     &feedhub::LogSettings::SECTIONS, &feedhub::FeedsConfiguration::SECTIONS})
        {
            for (const feedhub::SectionKeys& section : *sections)
            {
                for (const std::string& key : section.keys)
                    listed.insert(section.section + "." + key);
            }
        }
        for (const std::string& key : asked->keys)
            CPPUNIT_ASSERT_MESSAGE(key + " is read but not listed in its reader's SECTIONS", listed.count(key) != 0);
        for (const std::string& key : listed)
            CPPUNIT_ASSERT_MESSAGE(key + " is listed but never read", asked->keys.count(key) != 0);
    }

private:
    class ReadKeys : public Poco::Util::MapConfiguration
    /// An empty configuration that notes every key asked for.
    {
    public:
        mutable std::set<std::string> keys;

    protected:
        bool getRaw(const std::string& key, std::string& value) const override
        {
            keys.insert(key);
            return MapConfiguration::getRaw(key, value);
        }
    };

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
