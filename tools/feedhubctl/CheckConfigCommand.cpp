//
// CheckConfigCommand.cpp
//

#include "CheckConfigCommand.h"
#include "CtlArguments.h"
#include "CtlFailure.h"
#include "Poco/Environment.h"
#include "Poco/File.h"
#include "Poco/Path.h"
#include "Poco/Process.h"
#include <ostream>
#include <unistd.h>

namespace feedhub
{

namespace
{

const std::string DAEMON = "feedhub";

bool isProgram(const std::string& path)
{
    return !path.empty() && ::access(path.c_str(), X_OK) == 0 && Poco::File(path).isFile();
}

std::string besideThisProgram()
{
    char self[4096];
    const ssize_t length = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (length <= 0)
        return std::string();
    Poco::Path path(std::string(self, static_cast<std::size_t>(length)));
    path.setFileName(DAEMON);
    return path.toString();
}

} // namespace

std::string CheckConfigCommand::usage() const
{
    return "feedhubctl check-config [FILE]: checks a hub.ini as the daemon would load it, with\n"
           "  feedhub --check-config (default " +
           defaultConfigPath() + "); exits with its status\n";
}

std::string CheckConfigCommand::findDaemon()
{
    for (const std::string& candidate : {besideThisProgram(), std::string(FEEDHUB_BUILD_DAEMON)})
    {
        if (isProgram(candidate))
            return candidate;
    }
    Poco::Path found;
    if (Poco::Path::find(Poco::Environment::get("PATH", ""), DAEMON, found) && isProgram(found.toString()))
        return found.toString();
    throw CtlFailure(EXIT_UNAVAILABLE, "cannot find the feedhub daemon beside feedhubctl or on PATH");
}

int CheckConfigCommand::run(const std::vector<std::string>& arguments, std::ostream&)
{
    const CtlArguments options(arguments, {});
    options.requireOperands(0, 1, "at most one FILE");
    const std::string file = options.operands().empty() ? defaultConfigPath() : options.operands()[0];
    // Its messages go straight to this terminal, as if it were run itself.
    Poco::ProcessHandle daemon = Poco::Process::launch(findDaemon(), {"--check-config", "--config", file});
    return daemon.wait();
}

} // namespace feedhub
