#pragma once

#include <functional>
#include <string>

// Records one assertion of the self-test: its outcome and what it checks.
using CheckFunction = std::function<void(bool condition, const std::string& what)>;

// Runs of BenchRun with --threads above 1, and with --ports over two nodes,
// against an in-process server.
void testShardedRuns(const CheckFunction& check);
