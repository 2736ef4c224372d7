//
// SubscriberGreetings.cpp
//

#include "sse/SubscriberGreetings.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include "sse/EventStreamFormat.h"
#include <algorithm>

namespace feedhub
{

SubscriberGreetings::Handle SubscriberGreetings::add(const std::string& topic, SubscriberGreeter greeter)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.push_back(
        Entry{++_lastHandle, topic, std::make_shared<const SubscriberGreeter>(std::move(greeter))});
    return _lastHandle;
}

void SubscriberGreetings::remove(Handle handle)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.erase(std::remove_if(_entries.begin(), _entries.end(),
                                  [handle](const Entry& entry) { return entry.handle == handle; }),
                   _entries.end());
}

std::vector<std::string> SubscriberGreetings::framesFor(const std::vector<std::string>& topics) const
{
    std::vector<Entry> matching;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        for (const Entry& entry : _entries)
        {
            if (std::find(topics.begin(), topics.end(), entry.topic) != topics.end())
                matching.push_back(entry);
        }
    }
    // Greeters run unlocked: they may read the bus, and a slow one must not
    // hold up feeds adding or removing theirs.
    std::vector<std::string> frames;
    for (const Entry& entry : matching)
    {
        try
        {
            const SubscriberGreeting greeting = (*entry.greeter)(entry.topic);
            EventStreamFormat::checkField("type", greeting.type);
            frames.push_back(EventStreamFormat::event("", greeting.type, greeting.data));
        }
        catch (const Poco::Exception& exc)
        {
            Poco::Logger::get("feedhub.sse")
                .error("greeting a subscriber of %s failed: %s", entry.topic, exc.displayText());
        }
        catch (const std::exception& exc)
        {
            Poco::Logger::get("feedhub.sse")
                .error("greeting a subscriber of %s failed: %s", entry.topic, std::string(exc.what()));
        }
    }
    return frames;
}

} // namespace feedhub
