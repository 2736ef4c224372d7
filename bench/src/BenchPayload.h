#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace feedhub::bench
{

// What every published event carries so that a subscriber can measure latency
// and account for each event without any shared state with the publisher.
struct BenchPayload
{
    int64_t sentMicros = 0; // CLOCK_REALTIME at publish time ("t")
    uint64_t sequence = 0;  // 0-based event number within the run ("n")
    uint64_t runId = 0;     // tells this run's events from anybody else's ("r")
};

// A new run id: the time and the process id mixed, below 2^53 so it
// survives a server that turns JSON numbers into doubles.
uint64_t makeRunId();

// Renders {"t":...,"n":...,"r":...,"pad":"xxx"} padded to about targetBytes.
std::string formatBenchPayload(const BenchPayload& payload, size_t targetBytes);

// Finds t, n and r in event data. Tolerates re-serialisation by the server
// (key order, whitespace) and the payload arriving as an escaped JSON string
// (\"t\":...). Does not allocate. False unless all three fields are present.
bool parseBenchPayload(std::string_view data, BenchPayload& payload);

} // namespace feedhub::bench
