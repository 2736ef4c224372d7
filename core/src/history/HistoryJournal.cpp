//
// HistoryJournal.cpp
//

#include "history/HistoryJournal.h"
#include "Poco/Exception.h"
#include <chrono>

namespace feedhub
{

HistoryJournal::HistoryJournal(std::unique_ptr<HistoryStore> store, std::size_t groupEvents,
                               Poco::Timespan commitWindow)
    : _store(std::move(store)), _groupEvents(groupEvents), _commitWindow(commitWindow),
      _logger(Poco::Logger::get("feedhub.history")), _thread("journal")
{
    _thread.start(*this);
}

HistoryJournal::~HistoryJournal()
{
    stop();
}

void HistoryJournal::append(std::vector<EventPtr> events, Committed committed)
{
    bool queued = false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_stopping)
        {
            _queuedEvents += events.size();
            _batches.push_back(Batch{std::move(events), std::move(committed)});
            queued = true;
        }
    }
    if (queued)
        HeldWakeups::wake(*this);
    else
        committed("the hub is stopping");
}

void HistoryJournal::post(Task task)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _tasks.push_back(std::move(task));
    _wake.notify_one();
}

void HistoryJournal::wakeNow()
{
    // The batch was queued under the mutex; the wait's predicate sees it.
    _wake.notify_one();
}

void HistoryJournal::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
        _wake.notify_one();
    }
    if (_thread.isRunning())
        _thread.join();
}

void HistoryJournal::run()
{
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;)
    {
        _wake.wait(lock, [this] { return _stopping || !_batches.empty() || !_tasks.empty(); });
        if (_batches.empty() && _tasks.empty())
            return;
        if (!_batches.empty() && _queuedEvents < _groupEvents && _commitWindow.totalMicroseconds() > 0)
            _wake.wait_for(lock, std::chrono::microseconds(_commitWindow.totalMicroseconds()),
                           [this] { return _stopping || _queuedEvents >= _groupEvents; });
        std::deque<Batch> group;
        std::size_t events = 0;
        while (!_batches.empty() &&
               (group.empty() || events + _batches.front().events.size() <= _groupEvents))
        {
            events += _batches.front().events.size();
            group.push_back(std::move(_batches.front()));
            _batches.pop_front();
        }
        _queuedEvents -= events;
        std::deque<Task> tasks;
        tasks.swap(_tasks);
        lock.unlock();
        commit(group);
        for (Task& task : tasks)
        {
            try
            {
                task(*_store);
            }
            catch (const Poco::Exception& e)
            {
                _logger.error("history journal: " + e.displayText());
            }
            catch (const std::exception& e)
            {
                _logger.error(std::string("history journal: ") + e.what());
            }
        }
        lock.lock();
    }
}

void HistoryJournal::commit(std::deque<Batch>& batches)
{
    if (batches.empty())
        return;
    std::vector<EventPtr> events;
    for (const Batch& batch : batches)
        events.insert(events.end(), batch.events.begin(), batch.events.end());
    std::string error;
    try
    {
        _store->append(events);
    }
    catch (const Poco::Exception& e)
    {
        error = "the history journal could not store the events: " + e.displayText();
    }
    catch (const std::exception& e)
    {
        error = std::string("the history journal could not store the events: ") + e.what();
    }
    if (!error.empty())
        _logger.error(error);
    for (Batch& batch : batches)
        batch.committed(error);
}

} // namespace feedhub
