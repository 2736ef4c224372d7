//
// WorkerPool.h
//
// Definition of the WorkerPool class.
//

#ifndef feedhub_WorkerPool_INCLUDED
#define feedhub_WorkerPool_INCLUDED

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace feedhub
{

class WorkerPool
    /// A fixed number of threads for the work that may block (static files,
    /// feed routes), with a bounded queue: past it, work is refused at once
    /// so the caller can answer 503 instead of piling up.
{
public:
    WorkerPool(int threads, std::size_t maxQueued);
    ~WorkerPool();

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    bool submit(std::function<void()> task);
        /// Queues task; false if the queue is full or the pool stopped. Any thread.

    void stop();
        /// Lets running tasks finish, drops queued ones, joins the threads.

    std::size_t queued() const;

private:
    void run();

    std::size_t _maxQueued;
    mutable std::mutex _mutex;
    std::condition_variable _ready;
    std::deque<std::function<void()>> _tasks;
    bool _stopping = false;
    std::vector<std::thread> _threads;
};

} // namespace feedhub

#endif // feedhub_WorkerPool_INCLUDED
