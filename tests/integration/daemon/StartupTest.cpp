//
// StartupTest.cpp
//

#include "HttpCall.h"
#include "Poco/Pipe.h"
#include "Poco/PipeStream.h"
#include "Poco/Process.h"
#include "Poco/StreamCopier.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>

class StartupTest : public CppUnit::TestFixture
    /// What the daemon does when it cannot start serving.
{
    CPPUNIT_TEST_SUITE(StartupTest);
    CPPUNIT_TEST(testPortInUseIsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPortInUseIsRefused()
    {
        // A second hub on a port in use must fail loudly: sharing it
        // (SO_REUSEPORT) would split clients between the two without a word.
        TestDaemon running;
        // Its own journal: a hub using the running one's would stop at its lock first.
        const std::string secondConfig = running.configPath() + "-second.ini";
        {
            std::ifstream in(running.configPath());
            std::ofstream out(secondConfig);
            std::string line;
            while (std::getline(in, line))
                out << (line.rfind("database = ", 0) == 0 ? "database = " + secondConfig + ".db" : line)
                    << '\n';
        }
        Poco::Pipe output;
        Poco::ProcessHandle second =
            Poco::Process::launch(TestDaemon::buildDir() + "/core/feedhub",
                                  {"--config", secondConfig, "--port", std::to_string(running.port())}, ".",
                                  nullptr, &output, &output);
        Poco::PipeInputStream in(output);
        std::string text;
        Poco::StreamCopier::copyToString(in, text);
        const int code = second.wait();

        CPPUNIT_ASSERT_EQUAL_MESSAGE(text, 69, code); // EX_UNAVAILABLE
        CPPUNIT_ASSERT_MESSAGE(text, text.find("feedhub cannot start: cannot listen on 127.0.0.1:" +
                                               std::to_string(running.port()) + ": ") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(running.port(), "/healthz").status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StartupTest);
