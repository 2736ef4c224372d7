//
// InProcessBus.cpp
//

#include "bus/InProcessBus.h"
#include "Poco/Exception.h"
#include "Poco/TextIterator.h"
#include "Poco/UTF8Encoding.h"
#include "sse/EventStreamFormat.h"
#include "feedhub/TopicName.h"
#include <algorithm>
#include <set>

namespace feedhub
{

namespace
{

void checkPublication(const Publication& publication)
{
    TopicName::check(publication.topic);
    if (publication.type.empty())
        throw Poco::InvalidArgumentException("type must not be empty");
    EventStreamFormat::checkField("type", publication.type);
    // ASCII, the usual data, is valid UTF-8 as it is; decoding it character
    // by character was a quarter of the bus's cost of a publish.
    if (std::all_of(publication.data.begin(), publication.data.end(),
                    [](unsigned char byte) { return byte < 0x80; }))
        return;
    Poco::UTF8Encoding utf8;
    Poco::TextIterator end(publication.data);
    for (Poco::TextIterator it(publication.data, utf8); it != end; ++it)
    {
        if (*it < 0)
            throw Poco::InvalidArgumentException("data must be valid UTF-8");
    }
}

} // namespace

InProcessBus::InProcessBus(const Limits& limits)
    : _limits(limits), _firstSequence(static_cast<std::uint64_t>(Poco::Timestamp().epochMicroseconds())),
      _lastSequence(_firstSequence)
{
}

std::vector<EventPtr> InProcessBus::publish(const std::vector<Publication>& publications)
{
    for (const Publication& publication : publications)
        checkPublication(publication);

    std::vector<EventPtr> events;
    events.reserve(publications.size());
    std::lock_guard<std::mutex> lock(_mutex);
    checkRoomFor(publications);
    const Poco::Timestamp now;
    for (const Publication& publication : publications)
    {
        Topic& topic = topicFor(publication.topic);
        auto event = std::make_shared<const Event>(publication.topic, ++_lastSequence, publication.type,
                                                   publication.data, now);
        topic.history.expire(now);
        topic.history.append(event);
        for (EventSink* sink : _sinks)
            sink->deliver(event);
        events.push_back(std::move(event));
    }
    return events;
}

void InProcessBus::checkRoomFor(const std::vector<Publication>& publications) const
{
    std::set<std::string> added;
    for (const Publication& publication : publications)
    {
        if (_topics.count(publication.topic) == 0)
            added.insert(publication.topic);
    }
    if (_topics.size() + added.size() > _limits.maxTopics)
        throw Poco::InvalidArgumentException("the hub holds its maximum number of topics");
}

std::size_t InProcessBus::subscriberCount(const std::string& topic) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _topics.find(topic);
    return it == _topics.end() ? 0 : it->second.subscribers;
}

void InProcessBus::attach(EventSink& sink)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _sinks.push_back(&sink);
}

void InProcessBus::detach(EventSink& sink)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _sinks.erase(std::remove(_sinks.begin(), _sinks.end(), &sink), _sinks.end());
}

Bus::Replay InProcessBus::replay(const std::vector<std::string>& topics, std::uint64_t after,
                                 std::size_t limit)
{
    Replay result;
    std::lock_guard<std::mutex> lock(_mutex);
    const Poco::Timestamp now;
    result.truncated = after + 1 < _firstSequence;
    for (const std::string& name : topics)
    {
        auto it = _topics.find(name);
        if (it == _topics.end())
        {
            result.truncated = result.truncated || after < _forgottenSequence;
            continue;
        }
        it->second.history.expire(now);
        it->second.history.collectAfter(after, result.events);
        result.truncated = result.truncated || it->second.history.lostAfter(after);
    }
    std::sort(result.events.begin(), result.events.end(),
              [](const EventPtr& a, const EventPtr& b) { return a->sequence() < b->sequence(); });
    if (limit != 0 && result.events.size() > limit)
    {
        result.events.resize(limit);
        result.position = result.events.back()->sequence();
    }
    else
    {
        // Not max(after, ...): a cursor past the newest sequence (another hub's,
        // or from before a clock was set back) would hide the next events.
        result.position = _lastSequence;
    }
    return result;
}

std::vector<EventPtr> InProcessBus::newest(const std::vector<std::string>& topics)
{
    std::vector<EventPtr> result;
    std::lock_guard<std::mutex> lock(_mutex);
    const Poco::Timestamp now;
    for (const std::string& name : topics)
    {
        auto it = _topics.find(name);
        if (it == _topics.end())
            continue;
        it->second.history.expire(now);
        if (EventPtr event = it->second.history.newest())
            result.push_back(event);
    }
    std::sort(result.begin(), result.end(),
              [](const EventPtr& a, const EventPtr& b) { return a->sequence() < b->sequence(); });
    return result;
}

std::uint64_t InProcessBus::lastSequence() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _lastSequence;
}

void InProcessBus::countSubscribers(const std::string& name, int delta)
{
    std::lock_guard<std::mutex> lock(_mutex);
    Topic& topic = topicFor(name);
    topic.subscribers = static_cast<std::size_t>(static_cast<long>(topic.subscribers) + delta);
}

std::vector<Bus::TopicStatus> InProcessBus::topics() const
{
    std::vector<TopicStatus> result;
    std::lock_guard<std::mutex> lock(_mutex);
    for (const auto& [name, topic] : _topics)
        result.push_back(
            TopicStatus{name, topic.subscribers, topic.history.size(), topic.history.lastSequence()});
    return result;
}

void InProcessBus::expire()
{
    std::lock_guard<std::mutex> lock(_mutex);
    const Poco::Timestamp now;
    for (auto it = _topics.begin(); it != _topics.end();)
    {
        it->second.history.expire(now);
        if (it->second.history.size() == 0 && it->second.subscribers == 0)
        {
            _forgottenSequence = std::max(_forgottenSequence, it->second.history.lastSequence());
            it = _topics.erase(it);
        }
        else
            ++it;
    }
}

InProcessBus::Topic& InProcessBus::topicFor(const std::string& name)
{
    return _topics.try_emplace(name, _limits).first->second;
}

} // namespace feedhub
