#pragma once

#include <cstdint>
#include <optional>

namespace feedhub::bench
{

// VmRSS of a process from /proc/PID/status, in kB; empty if unreadable.
std::optional<int64_t> readResidentSetKilobytes(int pid);

} // namespace feedhub::bench
