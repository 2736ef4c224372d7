// feedhub-bench: drives thousands of SSE or long-poll subscribers from one
// epoll loop (or --threads N of them, each with a share of the subscribers)
// while publisher threads post timestamped events, then reports
// delivery completeness, latency percentiles, throughput and server memory.
#include <csignal>
#include <iostream>

#include <sys/resource.h>

#include <Poco/Exception.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionSet.h>

#include "BenchOptions.h"
#include "BenchReport.h"
#include "BenchRun.h"

namespace feedhub::bench
{

class BenchApplication : public Poco::Util::Application
{
protected:
    void defineOptions(Poco::Util::OptionSet& options) override
    {
        Application::defineOptions(options);
        BenchOptions::define(options);
    }

    void handleOption(const std::string& name, const std::string& value) override
    {
        Application::handleOption(name, value);
        if (name == "help")
        {
            _helpRequested = true;
            stopOptionsProcessing();
        }
    }

    int main(const ArgVec& arguments) override
    {
        if (_helpRequested)
        {
            Poco::Util::HelpFormatter help(options());
            help.setCommand(commandName());
            help.setUsage("[--mode sse|poll] [--port N] [--subscribers N] [--events M] [--rate R] [OPTIONS]");
            help.setHeader(
                "Load generator for feedhub (and Nchan): SSE or long-poll subscribers, timed events.");
            help.setUnixStyle(true);
            help.format(std::cout);
            return EXIT_OK;
        }
        if (!arguments.empty())
        {
            std::cerr << "feedhub-bench: unexpected argument '" << arguments.front() << "' (see --help)\n";
            return EXIT_USAGE;
        }
        try
        {
            const BenchOptions options = BenchOptions::fromConfiguration(config());
            if (!raiseOpenFileLimit(static_cast<rlim_t>(options.subscribers)) && options.connectStorm)
            {
                // Sockets the tool could not open would count as the server's failed connects.
                std::cerr << "feedhub-bench: a connect storm needs a descriptor for every subscriber\n";
                return EXIT_OSERR;
            }
            std::signal(SIGPIPE, SIG_IGN);

            BenchRun run(options);
            const BenchResult result = run.execute();
            printSummary(std::cout, options, result);
            printResultLine(std::cout, options, result);
            return result.connected > 0 ? EXIT_OK : EXIT_UNAVAILABLE;
        }
        catch (const Poco::Exception& error)
        {
            std::cerr << "feedhub-bench: " << error.displayText() << "\n";
            return EXIT_SOFTWARE;
        }
    }

private:
    static bool raiseOpenFileLimit(rlim_t subscribers)
        /// Raises the soft limit on open files to the hard one; false (with a
        /// warning) if that is still too low for the subscribers. Every
        /// subscriber holds a socket: the default soft limit (often 1024) is
        /// far below what a 10,000-subscriber run needs, the hard limit is not.
    {
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
            return false;
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
            return false;
        const rlim_t spareDescriptors = 64; // stdio, epoll, the publisher's 32 sockets, ...
        if (limit.rlim_cur != RLIM_INFINITY && subscribers + spareDescriptors > limit.rlim_cur)
        {
            std::cerr << "feedhub-bench: warning: open file limit " << limit.rlim_cur << " is too low for "
                      << subscribers << " subscribers\n";
            return false;
        }
        return true;
    }

    bool _helpRequested = false;
};

} // namespace feedhub::bench

POCO_APP_MAIN(feedhub::bench::BenchApplication)
