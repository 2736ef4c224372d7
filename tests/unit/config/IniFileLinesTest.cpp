//
// IniFileLinesTest.cpp
//

#include "config/IniFileLines.h"
#include "Poco/File.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

using feedhub::IniFileLines;

class IniFileLinesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(IniFileLinesTest);
    CPPUNIT_TEST(testFindsKeyInItsSection);
    CPPUNIT_TEST(testIgnoresCase);
    CPPUNIT_TEST(testLastSettingWins);
    CPPUNIT_TEST(testCommentsAreNotKeys);
    CPPUNIT_TEST(testMissingKeyOrFile);
    CPPUNIT_TEST(testLocate);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        _path = _dir + "/hub.ini";
        std::ofstream(_path) << "; comment\n"          // 1
                                "[feeds]\n"            // 2
                                "enabled = stock\n"    // 3
                                "\n"                   // 4
                                "[feed.stock]\n"       // 5
                                "  interval_ms = 50\n" // 6
                                "; symbols = X:1\n"    // 7
                                "Symbols=AAPL:1\n"     // 8
                                "[ Feed.Other ]\n"     // 9
                                "interval_ms = 70\n"   // 10
                                "[feed.stock]\n"       // 11
                                "interval_ms = 60\n";  // 12
    }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testFindsKeyInItsSection()
    {
        CPPUNIT_ASSERT_EQUAL(3, IniFileLines::find(_path, "feeds", "enabled"));
        CPPUNIT_ASSERT_EQUAL(10, IniFileLines::find(_path, "feed.other", "interval_ms"));
    }

    void testIgnoresCase() { CPPUNIT_ASSERT_EQUAL(8, IniFileLines::find(_path, "FEED.STOCK", "symbols")); }

    void testLastSettingWins()
    {
        CPPUNIT_ASSERT_EQUAL(12, IniFileLines::find(_path, "feed.stock", "interval_ms"));
    }

    void testCommentsAreNotKeys() { CPPUNIT_ASSERT_EQUAL(0, IniFileLines::find(_path, "", "comment")); }

    void testMissingKeyOrFile()
    {
        CPPUNIT_ASSERT_EQUAL(0, IniFileLines::find(_path, "feeds", "plugin_dir"));
        CPPUNIT_ASSERT_EQUAL(0, IniFileLines::find(_path, "feed.missing", "interval_ms"));
        CPPUNIT_ASSERT_EQUAL(0, IniFileLines::find(_dir + "/none.ini", "feeds", "enabled"));
    }

    void testLocate()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":3", IniFileLines::locate(_path, "feeds", "enabled"));
        CPPUNIT_ASSERT_EQUAL(_path, IniFileLines::locate(_path, "feeds", "missing"));
    }

private:
    std::string _dir;
    std::string _path;
};

CPPUNIT_TEST_SUITE_REGISTRATION(IniFileLinesTest);
