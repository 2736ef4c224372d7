#pragma once

#include <cstdint>
#include <ctime>

namespace feedhub::bench
{

// Microseconds a clock has counted so far: any clock_gettime() clock, such as
// CLOCK_THREAD_CPUTIME_ID or one from pthread_getcpuclockid().
inline int64_t clockMicros(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// Wall-clock microseconds. Publisher and subscribers run on the same host, so
// CLOCK_REALTIME stamps embedded in payloads are directly comparable.
inline int64_t realtimeMicros()
{
    return clockMicros(CLOCK_REALTIME);
}

// CPU time (user + system, all threads) this process has used so far.
inline int64_t processCpuMicros()
{
    return clockMicros(CLOCK_PROCESS_CPUTIME_ID);
}

// Monotonic microseconds for phase deadlines, immune to clock adjustments.
inline int64_t monotonicMicros()
{
    return clockMicros(CLOCK_MONOTONIC);
}

} // namespace feedhub::bench
