//
// TopicWatchers.cpp
//

#include "feeds/TopicWatchers.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include <algorithm>

namespace feedhub
{

namespace
{

void logFailure(const std::string& topic, const std::string& what)
{
    Poco::Logger::get("feedhub.feeds").error("a watcher of topic %s failed: %s", topic, what);
}

} // namespace

TopicWatchers::Handle TopicWatchers::add(const std::string& topic, Watcher watcher)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.push_back(Entry{++_lastHandle, topic, std::make_shared<const Watcher>(std::move(watcher))});
    _empty = false;
    return _lastHandle;
}

void TopicWatchers::remove(Handle handle)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.erase(std::remove_if(_entries.begin(), _entries.end(),
                                  [handle](const Entry& entry) { return entry.handle == handle; }),
                   _entries.end());
    _empty = _entries.empty();
}

void TopicWatchers::deliver(const EventPtr& event)
{
    if (_empty)
        return;
    std::vector<std::shared_ptr<const Watcher>> watchers;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        for (const Entry& entry : _entries)
        {
            if (entry.topic == event->topic())
                watchers.push_back(entry.watcher);
        }
    }
    for (const std::shared_ptr<const Watcher>& watcher : watchers)
    {
        try
        {
            (*watcher)(event);
        }
        catch (const Poco::Exception& exc)
        {
            logFailure(event->topic(), exc.displayText());
        }
        catch (const std::exception& exc)
        {
            logFailure(event->topic(), exc.what());
        }
    }
}

} // namespace feedhub
