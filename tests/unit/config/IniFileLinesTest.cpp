//
// IniFileLinesTest.cpp
//

#include "config/IniFileLines.h"
#include "Poco/Exception.h"
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
    CPPUNIT_TEST(testFindsSectionHeader);
    CPPUNIT_TEST(testReadListsHeadersAndKeysInOrder);
    CPPUNIT_TEST(testLineWithoutEqualsRefused);
    CPPUNIT_TEST(testHeaderMissingABracketRefused);
    CPPUNIT_TEST(testTextAfterHeaderRefused);
    CPPUNIT_TEST(testOtherMalformedLinesRefused);
    CPPUNIT_TEST(testMalformedFileHasNoLinesToFind);
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

    void testFindsSectionHeader()
    {
        CPPUNIT_ASSERT_EQUAL(5, IniFileLines::find(_path, "feed.stock", ""));
        CPPUNIT_ASSERT_EQUAL(9, IniFileLines::find(_path, "feed.other", ""));
        CPPUNIT_ASSERT_EQUAL(0, IniFileLines::find(_path, "web", ""));
    }

    void testReadListsHeadersAndKeysInOrder()
    {
        const std::vector<IniFileLines::Line> lines = IniFileLines::read(_path);
        CPPUNIT_ASSERT_EQUAL(std::size_t(9), lines.size());
        CPPUNIT_ASSERT_EQUAL(2, lines[0].number);
        CPPUNIT_ASSERT_EQUAL(std::string("feeds"), lines[0].section);
        CPPUNIT_ASSERT_EQUAL(std::string(""), lines[0].key);
        CPPUNIT_ASSERT_EQUAL(8, lines[4].number);
        CPPUNIT_ASSERT_EQUAL(std::string("feed.stock"), lines[4].section);
        CPPUNIT_ASSERT_EQUAL(std::string("symbols"), lines[4].key);
        CPPUNIT_ASSERT_EQUAL(std::string("feed.other"), lines[5].section);
    }

    void testLineWithoutEqualsRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":3: 'enabled notifications, task_status' is not a [section] header, a ; "
                                     "comment or key = value",
                             refusal("; hub\n[feeds]\nenabled notifications, task_status\n"));
    }

    void testHeaderMissingABracketRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":3: the section header 'feeds]' misses its '['",
                             refusal("[server]\nport = 1\nfeeds]\nenabled = a\n"));
        CPPUNIT_ASSERT_EQUAL(_path + ":1: the section header '[feeds' misses its ']'", refusal("[feeds\n"));
    }

    void testTextAfterHeaderRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":1: 'port = 1' follows the section header; put it on a line of its own",
                             refusal("[server] port = 1\n"));
        // A comment may follow, as Poco reads it.
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), lines("[server] ; the server\n").size());
    }

    void testOtherMalformedLinesRefused()
    {
        CPPUNIT_ASSERT_EQUAL(_path + ":2: '# port = 1' is not a comment: comments start with ';'",
                             refusal("[server]\n# port = 1\n"));
        CPPUNIT_ASSERT_EQUAL(_path + ":2: '= 1' has no key before its '='", refusal("[server]\n= 1\n"));
        CPPUNIT_ASSERT_EQUAL(_path + ":1: a section header needs a name: '[ ]'", refusal("[ ]\n"));
        CPPUNIT_ASSERT_EQUAL(_dir + "/none.ini: cannot read it", refusalOf(_dir + "/none.ini"));
    }

    void testMalformedFileHasNoLinesToFind()
    {
        lines("[feeds]\nenabled = a\n");
        std::ofstream(_path) << "[feeds]\nenabled = a\nbroken\n";
        CPPUNIT_ASSERT_EQUAL(0, IniFileLines::find(_path, "feeds", "enabled"));
    }

private:
    std::vector<IniFileLines::Line> lines(const std::string& text)
    {
        std::ofstream(_path) << text;
        return IniFileLines::read(_path);
    }

    std::string refusal(const std::string& text)
    {
        std::ofstream(_path) << text;
        return refusalOf(_path);
    }

    static std::string refusalOf(const std::string& path)
    {
        try
        {
            IniFileLines::read(path);
        }
        catch (const Poco::DataException& exc)
        {
            return exc.message();
        }
        CPPUNIT_FAIL(path + " was accepted");
        return std::string();
    }

    std::string _dir;
    std::string _path;
};

CPPUNIT_TEST_SUITE_REGISTRATION(IniFileLinesTest);
