//
// FeedsConfigurationTest.cpp
//

#include "feeds/FeedsConfiguration.h"
#include "LogCapture.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Path.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

using feedhub::FeedsConfiguration;
using feedhub::FeedSettings;

class FeedsConfigurationTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FeedsConfigurationTest);
    CPPUNIT_TEST(testNoFeedsSectionEnablesNothing);
    CPPUNIT_TEST(testEnabledFeedsInOrder);
    CPPUNIT_TEST(testOnlyEnabledFeedsAreRead);
    CPPUNIT_TEST(testLibraryDefaultsToNameInDefaultPluginDir);
    CPPUNIT_TEST(testDefaultPluginDirsSearchedInOrder);
    CPPUNIT_TEST(testPluginDirRelativeToIniFile);
    CPPUNIT_TEST(testLibraryPaths);
    CPPUNIT_TEST(testRequired);
    CPPUNIT_TEST(testInvalidRequiredRefused);
    CPPUNIT_TEST(testInvalidFeedNameRefused);
    CPPUNIT_TEST(testSectionHoldsEveryKeyInLowerCase);
    CPPUNIT_TEST(testFeedListedTwiceRunsOnce);
    CPPUNIT_TEST(testChangedSectionMakesSettingsDiffer);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testNoFeedsSectionEnablesNothing()
    {
        CPPUNIT_ASSERT(read("[server]\nport = 1\n").enabled.empty());
        CPPUNIT_ASSERT(read("[feeds]\nenabled =\n").enabled.empty());
    }

    void testEnabledFeedsInOrder()
    {
        const FeedsConfiguration feeds = read("[feeds]\nenabled = stock ,task_status,  notifications\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), feeds.enabled.size());
        CPPUNIT_ASSERT_EQUAL(std::string("stock"), feeds.enabled[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("task_status"), feeds.enabled[1].name);
        CPPUNIT_ASSERT_EQUAL(std::string("notifications"), feeds.enabled[2].name);
        CPPUNIT_ASSERT_EQUAL(_dir + "/hub.ini", feeds.enabled[0].sourcePath);
    }

    void testOnlyEnabledFeedsAreRead()
    {
        const FeedsConfiguration feeds = read(
            "[feeds]\nenabled = stock\n[feed.stock]\nrequired = true\n[feed.example]\nrequired = true\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), feeds.enabled.size());
        CPPUNIT_ASSERT_EQUAL(std::string("stock"), feeds.enabled[0].name);
    }

    void testLibraryDefaultsToNameInDefaultPluginDir()
    {
        const FeedsConfiguration feeds = read("[feeds]\nenabled = stock\nplugin_dir =\n");
        CPPUNIT_ASSERT_EQUAL(std::string("/default/plugins/stock.so"), feeds.enabled[0].library);
    }

    void testDefaultPluginDirsSearchedInOrder()
    {
        // The packaged folder first, then the one the SDK installs to.
        const std::string packaged = _dir + "/packaged";
        const std::string local = _dir + "/local";
        Poco::File(packaged).createDirectories();
        Poco::File(local).createDirectories();
        std::ofstream(local + "/mine.so");
        std::ofstream(local + "/stock.so");
        std::ofstream(packaged + "/stock.so");
        const FeedsConfiguration feeds = read("[feeds]\nenabled = stock, mine, missing\n", {packaged, local});
        CPPUNIT_ASSERT_EQUAL(packaged + "/stock.so", feeds.enabled[0].library);
        CPPUNIT_ASSERT_EQUAL(local + "/mine.so", feeds.enabled[1].library);
        CPPUNIT_ASSERT_EQUAL(packaged + "/missing.so", feeds.enabled[2].library);
        // A plugin_dir of its own is the only folder searched.
        CPPUNIT_ASSERT_EQUAL(
            std::string("/opt/feeds/mine.so"),
            read("[feeds]\nenabled = mine\nplugin_dir = /opt/feeds\n", {packaged, local}).enabled[0].library);
    }

    void testPluginDirRelativeToIniFile()
    {
        CPPUNIT_ASSERT_EQUAL(_dir + "/lib/stock.so",
                             read("[feeds]\nenabled = stock\nplugin_dir = lib\n").enabled[0].library);
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/feeds/stock.so"),
                             read("[feeds]\nenabled = stock\nplugin_dir = /opt/feeds\n").enabled[0].library);
    }

    void testLibraryPaths()
    {
        const FeedsConfiguration feeds = read("[feeds]\nenabled = a, b, c\nplugin_dir = /p\n"
                                              "[feed.a]\nlibrary = quotes\n"
                                              "[feed.b]\nlibrary = quotes.so\n"
                                              "[feed.c]\nlibrary = ../build/c.so\n");
        CPPUNIT_ASSERT_EQUAL(std::string("/p/quotes.so"), feeds.enabled[0].library);
        CPPUNIT_ASSERT_EQUAL(std::string("/p/quotes.so"), feeds.enabled[1].library);
        CPPUNIT_ASSERT_EQUAL(Poco::Path(_dir + "/../build/c.so").toString(), feeds.enabled[2].library);
    }

    void testRequired()
    {
        const FeedsConfiguration feeds =
            read("[feeds]\nenabled = a, b, c\n[feed.a]\nrequired = true\n[feed.b]\nrequired = no\n");
        CPPUNIT_ASSERT(feeds.enabled[0].required);
        CPPUNIT_ASSERT(!feeds.enabled[1].required);
        CPPUNIT_ASSERT(!feeds.enabled[2].required);
    }

    void testInvalidRequiredRefused()
    {
        try
        {
            read("[feeds]\nenabled = a\n[feed.a]\nrequired = maybe\n");
            CPPUNIT_FAIL("required = maybe was accepted");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("feed.a.required must be true or false"), exc.message());
        }
    }

    void testInvalidFeedNameRefused()
    {
        for (const char* name : {"../etc", "a b", "st.ock"})
            CPPUNIT_ASSERT_THROW(read(std::string("[feeds]\nenabled = ") + name + "\n"),
                                 Poco::InvalidArgumentException);
    }

    void testSectionHoldsEveryKeyInLowerCase()
    {
        const FeedSettings feed =
            read("[feeds]\nenabled = a\n[feed.a]\nlibrary = x\nInterval_MS = 50\ntopic = t\n").enabled[0];
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), feed.section.size());
        CPPUNIT_ASSERT_EQUAL(std::string("50"), feed.section.at("interval_ms"));
        CPPUNIT_ASSERT_EQUAL(std::string("x"), feed.section.at("library"));
        CPPUNIT_ASSERT_EQUAL(50, feed.configuration()->getInt("interval_ms"));
        CPPUNIT_ASSERT_EQUAL(std::string("t"), feed.configuration()->getString("topic"));
    }

    void testFeedListedTwiceRunsOnce()
    {
        LogCapture log;
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), read("[feeds]\nenabled = a, a\n").enabled.size());
        CPPUNIT_ASSERT(log.contains("feed 'a' is listed twice"));
    }

    void testChangedSectionMakesSettingsDiffer()
    {
        const std::string base = "[feeds]\nenabled = a\n[feed.a]\ninterval_ms = 50\n";
        CPPUNIT_ASSERT(read(base).enabled[0] == read(base).enabled[0]);
        CPPUNIT_ASSERT(read(base).enabled[0] != read(base + "topic = t\n").enabled[0]);
        CPPUNIT_ASSERT(read(base).enabled[0] != read(base + "required = true\n").enabled[0]);
        CPPUNIT_ASSERT(read(base).enabled[0] !=
                       read("[feeds]\nenabled = a\n[feed.a]\ninterval_ms = 60\n").enabled[0]);
    }

private:
    FeedsConfiguration read(const std::string& ini,
                            const std::vector<std::string>& defaultPluginDirs = {"/default/plugins"})
    {
        const std::string path = _dir + "/hub.ini";
        std::ofstream(path) << ini;
        Poco::AutoPtr<Poco::Util::IniFileConfiguration> config(new Poco::Util::IniFileConfiguration(path));
        return FeedsConfiguration::read(*config, path, defaultPluginDirs);
    }

    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FeedsConfigurationTest);
