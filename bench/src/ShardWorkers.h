#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <time.h>

#include "BenchShard.h"

namespace feedhub::bench
{

// Runs every shard of a run but the first on a thread of its own, through the
// phases that the first shard's thread (BenchRun's) paces: ramp-up; then
// serving the subscribers, measuring once asked to, until stopped. A worker
// that throws stops serving; stop() rethrows what it threw.
class ShardWorkers
{
public:
    ShardWorkers() = default;
    ~ShardWorkers();
    ShardWorkers(const ShardWorkers&) = delete;
    ShardWorkers& operator=(const ShardWorkers&) = delete;

    // Starts a thread for each of shards[1..], which ramps its shard up.
    void start(const std::vector<std::unique_ptr<BenchShard>>& shards, int64_t deadlineMicros);
    // Serves `own` until every worker is through its ramp-up.
    void waitUntilRamped(BenchShard& own);
    // Has `own` and every worker's shard start measuring, serving `own`
    // until they all have.
    void startMeasuring(BenchShard& own);

    bool failed() const { return _failed.load(std::memory_order_acquire); }
    // Stops and joins the threads; rethrows what one of them threw.
    void stop();
    // CPU-time clock of each worker thread; valid until stop().
    std::vector<clockid_t> cpuClocks();

private:
    void run(BenchShard& shard, int64_t deadlineMicros);
    // Serves `own` until `count` reaches the number of workers or one failed;
    // then throws if one failed.
    void serveUntil(BenchShard& own, const std::atomic<size_t>& count);

    std::vector<std::thread> _threads;
    std::atomic<bool> _stopRequested{false};
    std::atomic<bool> _measuringRequested{false};
    std::atomic<size_t> _ramped{0};
    std::atomic<size_t> _measuring{0};
    std::atomic<bool> _failed{false};
    std::mutex _errorMutex;
    std::exception_ptr _error;
};

} // namespace feedhub::bench
