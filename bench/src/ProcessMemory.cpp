#include "ProcessMemory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace feedhub::bench
{

std::optional<int64_t> readResidentSetKilobytes(int pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmRSS:", 0) != 0)
            continue;
        std::istringstream fields(line.substr(6));
        int64_t kilobytes = 0;
        if (fields >> kilobytes)
            return kilobytes;
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace feedhub::bench
