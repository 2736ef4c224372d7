//
// CheckConfigTest.cpp
//
// feedhub --check-config checks a file as a reload would, the feeds' own
// sections included, and says so with its exit status; --version and a bad
// option exit as feedhub.8 documents.
//

#include "FeedPlugins.h"
#include "Poco/File.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/StreamCopier.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>
#include <regex>
#include <thread>

class CheckConfigTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CheckConfigTest);
    CPPUNIT_TEST(testGoodFileExitsZero);
    CPPUNIT_TEST(testShippedFileIsGood);
    CPPUNIT_TEST(testMalformedLineExits78WithItsLine);
    CPPUNIT_TEST(testUnknownKeyExits78WithItsLine);
    CPPUNIT_TEST(testFeedRefusingItsSectionExits78WithItsLine);
    CPPUNIT_TEST(testMissingFileExits78);
    CPPUNIT_TEST(testVersion);
    CPPUNIT_TEST(testUnknownOptionExits78);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        _path = _dir + "/hub.ini";
    }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testGoodFileExitsZero()
    {
        write(clock("interval_ms = 50\n"));
        const Run run = checkConfig(_path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.err, 0, run.code);
        CPPUNIT_ASSERT_MESSAGE(run.out, run.out.find(_path + ": the configuration is good") != std::string::npos);
        CPPUNIT_ASSERT(run.out.find("listening") == std::string::npos);
    }

    void testShippedFileIsGood()
    {
        // With this build's plugins, wherever others may be installed.
        std::ifstream shipped(TestDaemon::sourceDir() + "/etc/hub.ini");
        std::ofstream copy(_path);
        std::string line;
        while (std::getline(shipped, line))
            copy << (line == "plugin_dir =" ? "plugin_dir = " + FeedPlugins::dir() : line) << '\n';
        copy.close();
        const Run run = checkConfig(_path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.out + run.err, 0, run.code);
    }

    void testMalformedLineExits78WithItsLine()
    {
        write("[feeds]\nenabled notifications, task_status\n");
        const Run run = checkConfig(_path);
        CPPUNIT_ASSERT_EQUAL(78, run.code);
        CPPUNIT_ASSERT_EQUAL(_path + ":4: 'enabled notifications, task_status' is not a [section] header, a ; "
                                     "comment or key = value\n",
                             run.err);
    }

    void testUnknownKeyExits78WithItsLine()
    {
        write("[server]\nport = 8080\n[sse]\nretry = 5\n");
        const Run run = checkConfig(_path);
        CPPUNIT_ASSERT_EQUAL(78, run.code);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.err, std::size_t(0), run.err.find(_path + ":6: unknown key 'retry' in [sse]"));
    }

    void testFeedRefusingItsSectionExits78WithItsLine()
    {
        write(clock("interval_ms = abc\n"));
        const Run run = checkConfig(_path);
        CPPUNIT_ASSERT_EQUAL(78, run.code);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.err, std::size_t(0), run.err.find(_path + ":8: feed.clock.interval_ms: "));
    }

    void testMissingFileExits78()
    {
        const Run run = checkConfig(_dir + "/none.ini");
        CPPUNIT_ASSERT_EQUAL(78, run.code);
        CPPUNIT_ASSERT_EQUAL(_dir + "/none.ini: cannot read it\n", run.err);
    }

    void testVersion()
    {
        const Run run = feedhub({"--version"});
        CPPUNIT_ASSERT_EQUAL(0, run.code);
        CPPUNIT_ASSERT_MESSAGE(run.out, std::regex_match(run.out, std::regex("feedhub [0-9]+[.][0-9]+[.][0-9]+\n")));
    }

    void testUnknownOptionExits78()
    {
        const Run run = feedhub({"--colour"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.out + run.err, 78, run.code);
        CPPUNIT_ASSERT((run.out + run.err).find("colour") != std::string::npos);
    }

private:
    struct Run
    {
        int code = -1;
        std::string out;
        std::string err;
    };

    static std::string clock(const std::string& keys)
    {
        return FeedPlugins::feedsSection("clock") + "[feed.clock]\nlibrary = example\n" + keys;
    }

    void write(const std::string& ini) const
    {
        std::ofstream(_path) << "[history]\ndatabase = " << _dir << "/history.db\n" << ini;
    }

    Run checkConfig(const std::string& path) const { return feedhub({"--check-config", "--config", path}); }

    Run feedhub(const std::vector<std::string>& args) const
    {
        Poco::Pipe out;
        Poco::Pipe err;
        Poco::ProcessHandle process =
            Poco::Process::launch(TestDaemon::buildDir() + "/core/feedhub", args, _dir, nullptr, &out, &err);
        Run run;
        // Both at once: a full pipe would stop the process.
        std::thread errors([&err, &run] {
            Poco::PipeInputStream in(err);
            Poco::StreamCopier::copyToString(in, run.err);
        });
        Poco::PipeInputStream in(out);
        Poco::StreamCopier::copyToString(in, run.out);
        errors.join();
        run.code = process.wait();
        return run;
    }

    std::string _dir;
    std::string _path;
};

CPPUNIT_TEST_SUITE_REGISTRATION(CheckConfigTest);
