#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "BenchOptions.h"
#include "BenchRun.h"

namespace feedhub::bench
{

// Human-readable account of a run, for a person at a terminal.
void printSummary(std::ostream& out, const BenchOptions& options, const BenchResult& result);

// The single `RESULT key=value ...` line that scripts grep for. Values never
// contain spaces; unknown values (no --server-pid) are written as `na`.
void printResultLine(std::ostream& out, const BenchOptions& options, const BenchResult& result);

// value with that many decimals ("12.50").
std::string fixed(double value, int decimals);

// Microseconds as milliseconds with three decimals ("1.234").
std::string millis(int64_t micros);

} // namespace feedhub::bench
