//
// TestMain.cpp
//
// Runs the registered CppUnit suites, or the one named on the command line.
//

#include <cppunit/TestResult.h>
#include <cppunit/extensions/TestFactoryRegistry.h>
#include <cppunit/ui/text/TestRunner.h>
#include <csignal>
#include <iostream>

int main(int argc, char** argv)
{
    // Tests close sockets the daemon is still writing to, and the reverse.
    std::signal(SIGPIPE, SIG_IGN);
    CppUnit::TextUi::TestRunner runner;
    runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
    const std::string suite = argc > 1 ? argv[1] : "";
    try
    {
        return runner.run(suite) ? 0 : 1;
    }
    catch (const std::invalid_argument&)
    {
        std::cerr << "no test suite named '" << suite << "'\n";
        return 2;
    }
}
