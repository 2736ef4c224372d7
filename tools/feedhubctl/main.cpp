//
// main.cpp
//
// feedhubctl: the hub's command-line tool, one subcommand per task.
//

#include "CheckConfigCommand.h"
#include "CtlCommand.h"
#include "CtlFailure.h"
#include "HubClient.h"
#include "Poco/Exception.h"
#include "PublishCommand.h"
#include "StatusCommand.h"
#include "TailCommand.h"
#include "TokenCommand.h"
#include "TopicsCommand.h"
#include <algorithm>
#include <iostream>
#include <memory>
#include <vector>

namespace
{

using feedhub::CtlCommand;

bool isHubOption(const std::string& argument)
{
    return argument.compare(0, 2, "--") == 0 &&
           feedhub::HubClient::OPTIONS.count(argument.substr(2, argument.find('=') - 2)) > 0;
}

std::vector<std::unique_ptr<CtlCommand>> commands()
{
    std::vector<std::unique_ptr<CtlCommand>> all;
    all.push_back(std::make_unique<feedhub::PublishCommand>());
    all.push_back(std::make_unique<feedhub::TailCommand>());
    all.push_back(std::make_unique<feedhub::TopicsCommand>());
    all.push_back(std::make_unique<feedhub::StatusCommand>());
    all.push_back(std::make_unique<feedhub::CheckConfigCommand>());
    all.push_back(std::make_unique<feedhub::TokenCommand>());
    return all;
}

void printUsage(std::ostream& out, const std::vector<std::unique_ptr<CtlCommand>>& all)
{
    out << "usage: feedhubctl [--url URL] [--token TOKEN] <command> [arguments]\n\n"
           "--url and --token may also follow the command; FEEDHUB_URL and FEEDHUB_TOKEN\n"
           "stand in for them (default URL http://localhost:8080).\n\n";
    for (const auto& command : all)
        out << command->usage() << '\n';
    out << "exit status:\n"
           "  0    done\n"
           "  1    the hub refused (its HTTP status and error are printed)\n"
           "  64   wrong arguments, or a configuration token cannot use\n"
           "  65   input that cannot be published (not UTF-8)\n"
           "  69   the hub cannot be reached, or (check-config) the feedhub daemon cannot be found\n"
           "  check-config exits with feedhub --check-config's own status\n";
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::unique_ptr<CtlCommand>> all = commands();
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    // The hub's options may come before the command: they are passed on to it.
    std::vector<std::string> hubOptions;
    std::size_t at = 0;
    for (; at < arguments.size(); ++at)
    {
        const std::string& argument = arguments[at];
        if (!isHubOption(argument))
            break;
        hubOptions.push_back(argument);
        if (argument.find('=') == std::string::npos && at + 1 < arguments.size())
            hubOptions.push_back(arguments[++at]);
    }
    if (at == arguments.size() || arguments[at] == "--help" || arguments[at] == "help")
    {
        const bool asked = at < arguments.size();
        printUsage(asked ? std::cout : std::cerr, all);
        return asked ? 0 : CtlCommand::EXIT_USAGE;
    }
    for (const auto& command : all)
    {
        if (command->name() != arguments[at])
            continue;
        std::vector<std::string> rest(arguments.begin() + static_cast<long>(at) + 1, arguments.end());
        const auto endOfOptions = std::find(rest.begin(), rest.end(), "--");
        if (std::find(rest.begin(), endOfOptions, "--help") != endOfOptions)
        {
            std::cout << command->usage();
            return 0;
        }
        rest.insert(rest.begin(), hubOptions.begin(), hubOptions.end());
        try
        {
            return command->run(rest, std::cout);
        }
        catch (const feedhub::CtlFailure& failure)
        {
            std::cerr << "feedhubctl " << command->name() << ": " << failure.what() << '\n';
            return failure.exitCode();
        }
        catch (const Poco::Exception& exc)
        {
            std::cerr << "feedhubctl " << command->name() << ": " << exc.message() << "\n\n"
                      << command->usage();
            return CtlCommand::EXIT_USAGE;
        }
    }
    std::cerr << "feedhubctl: unknown command '" << arguments[at] << "'\n\n";
    printUsage(std::cerr, all);
    return CtlCommand::EXIT_USAGE;
}
