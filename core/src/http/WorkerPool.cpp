//
// WorkerPool.cpp
//

#include "http/WorkerPool.h"
#include "Poco/Logger.h"
#include <exception>

namespace feedhub
{

WorkerPool::WorkerPool(int threads, std::size_t maxQueued) : _maxQueued(maxQueued)
{
    for (int i = 0; i < threads; ++i)
        _threads.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool()
{
    stop();
}

bool WorkerPool::submit(std::function<void()> task)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping || _tasks.size() >= _maxQueued)
            return false;
        _tasks.push_back(std::move(task));
    }
    _ready.notify_one();
    return true;
}

void WorkerPool::stop()
{
    std::deque<std::function<void()>> dropped;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
        dropped.swap(_tasks);
    }
    _ready.notify_all();
    for (std::thread& thread : _threads)
    {
        if (thread.joinable())
            thread.join();
    }
}

std::size_t WorkerPool::queued() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _tasks.size();
}

void WorkerPool::run()
{
    while (true)
    {
        std::function<void()> task;
        {
            std::unique_lock<std::mutex> lock(_mutex);
            _ready.wait(lock, [this] { return _stopping || !_tasks.empty(); });
            if (_stopping)
                return;
            task = std::move(_tasks.front());
            _tasks.pop_front();
        }
        try
        {
            task();
        }
        catch (const std::exception& exc)
        {
            Poco::Logger::get("feedhub.http").error("a worker task failed: %s", std::string(exc.what()));
        }
    }
}

} // namespace feedhub
