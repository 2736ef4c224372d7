//
// main.cpp
//
// feedhubctl: the hub's command-line tool, one subcommand per task.
//

#include "CtlCommand.h"
#include "Poco/Exception.h"
#include "TokenCommand.h"
#include <iostream>
#include <memory>
#include <vector>

namespace
{

constexpr int EXIT_USAGE = 64;

std::vector<std::unique_ptr<feedhub::CtlCommand>> commands()
{
    std::vector<std::unique_ptr<feedhub::CtlCommand>> all;
    all.push_back(std::make_unique<feedhub::TokenCommand>());
    return all;
}

void printUsage(std::ostream& out, const std::vector<std::unique_ptr<feedhub::CtlCommand>>& all)
{
    out << "usage: feedhubctl <command> [options]\n\n";
    for (const auto& command : all)
        out << command->usage() << '\n';
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::unique_ptr<feedhub::CtlCommand>> all = commands();
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "help")
    {
        printUsage(arguments.empty() ? std::cerr : std::cout, all);
        return arguments.empty() ? EXIT_USAGE : 0;
    }
    for (const auto& command : all)
    {
        if (command->name() != arguments[0])
            continue;
        try
        {
            return command->run(std::vector<std::string>(arguments.begin() + 1, arguments.end()), std::cout);
        }
        catch (const Poco::Exception& exc)
        {
            std::cerr << "feedhubctl " << command->name() << ": " << exc.message() << "\n\n"
                      << command->usage();
            return EXIT_USAGE;
        }
    }
    std::cerr << "feedhubctl: unknown command '" << arguments[0] << "'\n\n";
    printUsage(std::cerr, all);
    return EXIT_USAGE;
}
