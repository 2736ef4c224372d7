//
// FeedCheckTest.cpp
//
// A feed's section is checked before anything is applied: the plugin loads
// and a feed of its own configures itself, and what it refuses is named
// with the file and the line.
//

#include "feeds/FeedCheck.h"
#include "FeedPlugins.h"
#include "LogCapture.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

using feedhub::FeedCheck;
using feedhub::FeedFailure;
using feedhub::FeedsConfiguration;

class FeedCheckTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FeedCheckTest);
    CPPUNIT_TEST(testGoodSectionPasses);
    CPPUNIT_TEST(testValueTheFeedRefusesNamesItsLine);
    CPPUNIT_TEST(testValueThatDoesNotParseNamesItsKeyAndLine);
    CPPUNIT_TEST(testRefusalNamingNoKeyPointsAtTheSection);
    CPPUNIT_TEST(testPluginThatCannotLoadNamesTheLibraryLine);
    CPPUNIT_TEST(testUnknownKeyWarnedWithFileAndLine);
    CPPUNIT_TEST(testEveryFailingFeedIsReported);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        _path = _dir + "/hub.ini";
    }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testGoodSectionPasses()
    {
        CPPUNIT_ASSERT(check(clock("interval_ms = 20\n")).empty());
    }

    void testValueTheFeedRefusesNamesItsLine()
    {
        // Lines: 1 [feeds], 2 enabled, 3 plugin_dir, 4 [feed.clock], 5 library, 6 interval_ms.
        CPPUNIT_ASSERT_EQUAL(_path + ":6: feed.clock.interval_ms must be at least 10",
                             onlyFailure(clock("interval_ms = 1\n")));
    }

    void testValueThatDoesNotParseNamesItsKeyAndLine()
    {
        const std::string reason = onlyFailure(clock("topic = t\ninterval_ms = abc\n"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(reason, std::size_t(0), reason.find(_path + ":7: feed.clock.interval_ms: "));
        CPPUNIT_ASSERT(reason.find("abc") != std::string::npos);
    }

    void testRefusalNamingNoKeyPointsAtTheSection()
    {
        const std::string reason = onlyFailure(clock("topic = not a topic!\n"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(reason, std::size_t(0), reason.find(_path + ":4: feed.clock: configure failed: "));
    }

    void testPluginThatCannotLoadNamesTheLibraryLine()
    {
        const std::string reason = onlyFailure(FeedPlugins::feedsSection("ghost") + "[feed.ghost]\nlibrary = ghost\n");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(reason, std::size_t(0),
                                     reason.find(_path + ":5: feed.ghost.library: cannot load " +
                                                 FeedPlugins::path("ghost")));
        // A feed without a section of its own: the line that enables it.
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), onlyFailure(FeedPlugins::feedsSection("ghost"))
                                                 .find(_path + ":2: feed.ghost.library: cannot load "));
    }

    void testUnknownKeyWarnedWithFileAndLine()
    {
        LogCapture log;
        CPPUNIT_ASSERT(check(clock("interval_ms = 20\ncolour = blue\n")).empty());
        CPPUNIT_ASSERT_MESSAGE(log.text(),
                               log.contains(_path + ":7: unknown key 'colour' in [feed.clock] is ignored"));
        CPPUNIT_ASSERT(!log.contains("'interval_ms'"));
        CPPUNIT_ASSERT(!log.contains("'library'"));
    }

    void testEveryFailingFeedIsReported()
    {
        const std::vector<FeedFailure> failures =
            check(FeedPlugins::feedsSection("bad, clock, old") + "[feed.bad]\nlibrary = " +
                  FeedPlugins::testPath("scripted") + "\nrequired = true\nfail_in = configure\n" +
                  "[feed.clock]\nlibrary = example\n[feed.old]\nlibrary = " + FeedPlugins::testPath("wrong_api") +
                  "\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), failures.size());
        CPPUNIT_ASSERT_EQUAL(std::string("bad"), failures[0].feed);
        CPPUNIT_ASSERT(failures[0].required);
        CPPUNIT_ASSERT_EQUAL(_path + ":7: feed.bad.fail_in: failing in configure as asked", failures[0].reason);
        CPPUNIT_ASSERT_EQUAL(std::string("old"), failures[1].feed);
        CPPUNIT_ASSERT(!failures[1].required);
        CPPUNIT_ASSERT_MESSAGE(failures[1].reason,
                               failures[1].reason.find("was built for plugin API version 999") != std::string::npos);
    }

private:
    static std::string clock(const std::string& keys)
    {
        return FeedPlugins::feedsSection("clock") + "[feed.clock]\nlibrary = example\n" + keys;
    }

    std::vector<FeedFailure> check(const std::string& ini) const
    {
        std::ofstream(_path) << ini;
        Poco::AutoPtr<Poco::Util::IniFileConfiguration> config(new Poco::Util::IniFileConfiguration(_path));
        return FeedCheck::check(FeedsConfiguration::read(*config, _path, {FeedPlugins::dir()}));
    }

    std::string onlyFailure(const std::string& ini) const
    {
        const std::vector<FeedFailure> failures = check(ini);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), failures.size());
        return failures[0].reason;
    }

    std::string _dir;
    std::string _path;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FeedCheckTest);
