#include "ShardWorkers.h"

#include <utility>

#include <pthread.h>

namespace feedhub::bench
{

ShardWorkers::~ShardWorkers()
{
    try
    {
        stop();
    }
    catch (...) // already failing: the first error is the one reported
    {
    }
}

void ShardWorkers::start(const std::vector<std::unique_ptr<BenchShard>>& shards, int64_t deadlineMicros)
{
    for (size_t i = 1; i < shards.size(); ++i)
        _threads.emplace_back([this, &shard = *shards[i], deadlineMicros] { run(shard, deadlineMicros); });
}

void ShardWorkers::run(BenchShard& shard, int64_t deadlineMicros)
{
    try
    {
        shard.rampUp(deadlineMicros);
        _ramped.fetch_add(1, std::memory_order_release);
        while (!_stopRequested.load(std::memory_order_acquire))
        {
            if (!shard.measuring() && _measuringRequested.load(std::memory_order_acquire))
            {
                shard.startMeasuring();
                _measuring.fetch_add(1, std::memory_order_release);
            }
            shard.tick();
        }
    }
    catch (...)
    {
        std::lock_guard<std::mutex> lock(_errorMutex);
        if (!_error)
            _error = std::current_exception();
        _failed.store(true, std::memory_order_release);
    }
}

void ShardWorkers::waitUntilRamped(BenchShard& own)
{
    serveUntil(own, _ramped);
}

void ShardWorkers::startMeasuring(BenchShard& own)
{
    _measuringRequested.store(true, std::memory_order_release);
    own.startMeasuring();
    serveUntil(own, _measuring);
}

void ShardWorkers::serveUntil(BenchShard& own, const std::atomic<size_t>& count)
{
    while (count.load(std::memory_order_acquire) < _threads.size() && !failed())
        own.tick();
    if (failed())
        stop();
}

void ShardWorkers::stop()
{
    _stopRequested.store(true, std::memory_order_release);
    for (auto& thread : _threads)
    {
        if (thread.joinable())
            thread.join();
    }
    std::lock_guard<std::mutex> lock(_errorMutex);
    if (_error)
        std::rethrow_exception(std::exchange(_error, nullptr));
}

std::vector<clockid_t> ShardWorkers::cpuClocks()
{
    std::vector<clockid_t> clocks;
    for (auto& thread : _threads)
    {
        clockid_t clock{};
        if (thread.joinable() && pthread_getcpuclockid(thread.native_handle(), &clock) == 0)
            clocks.push_back(clock);
    }
    return clocks;
}

} // namespace feedhub::bench
