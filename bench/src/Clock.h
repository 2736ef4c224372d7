#pragma once

#include <cstdint>
#include <ctime>

namespace feedhub::bench
{

// Wall-clock microseconds. Publisher and subscribers run on the same host, so
// CLOCK_REALTIME stamps embedded in payloads are directly comparable.
inline int64_t realtimeMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// CPU time (user + system, all threads) this process has used so far.
inline int64_t processCpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// CPU time a CPU-time clock has counted so far: CLOCK_THREAD_CPUTIME_ID for
// the calling thread, or one from pthread_getcpuclockid() for another thread.
inline int64_t cpuClockMicros(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// Monotonic microseconds for phase deadlines, immune to clock adjustments.
inline int64_t monotonicMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

} // namespace feedhub::bench
