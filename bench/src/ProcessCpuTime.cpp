#include "ProcessCpuTime.h"

#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace feedhub::bench
{

std::optional<int64_t> parseProcStatCpuTicks(std::string_view statLine)
{
    const size_t nameEnd = statLine.rfind(')');
    if (nameEnd == std::string_view::npos)
        return std::nullopt;
    // After the name: state (field 3), then fields 4..13, utime (14), stime (15).
    std::istringstream fields(std::string(statLine.substr(nameEnd + 1)));
    std::string skipped;
    for (int field = 3; field <= 13; ++field)
    {
        if (!(fields >> skipped))
            return std::nullopt;
    }
    int64_t userTicks = 0;
    int64_t systemTicks = 0;
    if (!(fields >> userTicks >> systemTicks) || userTicks < 0 || systemTicks < 0)
        return std::nullopt;
    return userTicks + systemTicks;
}

std::optional<int64_t> readProcessCpuMicros(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return std::nullopt;
    const std::optional<int64_t> ticks = parseProcStatCpuTicks(line);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!ticks || ticksPerSecond <= 0)
        return std::nullopt;
    return *ticks * 1000000 / ticksPerSecond;
}

} // namespace feedhub::bench
