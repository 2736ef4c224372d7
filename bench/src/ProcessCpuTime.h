#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace feedhub::bench
{

std::optional<int64_t> parseProcStatCpuTicks(std::string_view statLine);
    /// utime + stime, in clock ticks, from the one line of /proc/PID/stat;
    /// empty if the line is not one. The process name is skipped up to the
    /// last ')', as a name may hold spaces and parentheses.

std::optional<int64_t> readProcessCpuMicros(int pid);
    /// CPU time, user and system, all threads, a process has used so far,
    /// from /proc/PID/stat (so in steps of one clock tick); empty if unreadable.

} // namespace feedhub::bench
