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

namespace
{

void logFailure(const std::string& topic, const std::string& what)
{
    Poco::Logger::get("feedhub.sse").error("greeting a subscriber of %s failed: %s", topic, what);
}

} // namespace

SubscriberGreetings::Handle SubscriberGreetings::add(const std::string& topic, SubscriberGreeter greeter)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.push_back(Entry{++_lastHandle, topic, std::make_shared<const SubscriberGreeter>(std::move(greeter))});
    return _lastHandle;
}

void SubscriberGreetings::remove(Handle handle)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _entries.erase(std::remove_if(_entries.begin(), _entries.end(),
                                  [handle](const Entry& entry) { return entry.handle == handle; }),
                   _entries.end());
}

std::vector<SubscriberGreetings::TopicGreeting>
SubscriberGreetings::greetingsFor(const std::vector<std::string>& topics) const
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
    std::vector<TopicGreeting> greetings;
    for (const Entry& entry : matching)
    {
        try
        {
            greetings.push_back(TopicGreeting{entry.topic, (*entry.greeter)(entry.topic)});
        }
        catch (const Poco::Exception& exc)
        {
            logFailure(entry.topic, exc.displayText());
        }
        catch (const std::exception& exc)
        {
            logFailure(entry.topic, exc.what());
        }
    }
    return greetings;
}

std::vector<std::string> SubscriberGreetings::framesFor(const std::vector<std::string>& topics) const
{
    std::vector<std::string> frames;
    for (const TopicGreeting& each : greetingsFor(topics))
    {
        try
        {
            EventStreamFormat::checkField("type", each.greeting.type);
            frames.push_back(EventStreamFormat::event("", each.greeting.type, each.greeting.data));
        }
        catch (const Poco::Exception& exc)
        {
            logFailure(each.topic, exc.displayText());
        }
    }
    return frames;
}

} // namespace feedhub
