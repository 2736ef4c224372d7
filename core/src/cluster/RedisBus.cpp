//
// RedisBus.cpp
//

#include "cluster/RedisBus.h"
#include "Poco/Exception.h"
#include "bus/PublicationRules.h"
#include "cluster/RedisScripts.h"
#include "feedhub/HttpError.h"
#include <algorithm>
#include <cstdlib>
#include <future>
#include <hiredis/hiredis.h>
#include <limits>
#include <set>

namespace feedhub
{

namespace
{

// Events read from the streams in one step while catching up.
constexpr std::size_t CATCH_UP_EVENTS = 1000;

// Announced events held while catching up; past it they are dropped and read
// from the streams instead.
constexpr std::size_t MOST_PENDING = 10000;

std::uint64_t numberOf(const redisReply* reply)
{
    return std::strtoull(RedisLink::text(reply).c_str(), nullptr, 10);
}

std::string clientName(const std::string& nodeName)
{
    std::string name = "feedhub-" + nodeName;
    std::replace_if(name.begin(), name.end(), [](unsigned char c) { return c <= ' ' || c > '~'; }, '_');
    return name;
}

bool isArray(const redisReply* reply, std::size_t least)
{
    return reply != nullptr && reply->type == REDIS_REPLY_ARRAY && reply->elements >= least;
}

std::string whyNot(const redisReply* reply, const std::string& problem)
{
    if (reply != nullptr && reply->type == REDIS_REPLY_ERROR)
        return "Redis refused the events: " + RedisLink::text(reply);
    return "Redis did not take the events: " + (problem.empty() ? std::string("no answer") : problem);
}

} // namespace

RedisBus::RedisBus(const InProcessBus::Limits& limits, const Options& options)
    : _limits(limits), _options(options), _logger(Poco::Logger::get("feedhub.cluster")),
      _memory(limits.history, limits.memoryBudgetBytes),
      _link(options.address, options.keyPrefix + "events", clientName(options.nodeName), options.timeout, *this)
{
    _link.start();
}

RedisBus::~RedisBus()
{
    close();
}

std::vector<std::string> RedisBus::boundArguments() const
{
    // 0 is no bound for the scripts. A stream always keeps its newest event.
    const std::size_t maxEvents = _limits.history.maxEvents;
    const std::string events = maxEvents == std::numeric_limits<std::size_t>::max()
                                   ? "0"
                                   : std::to_string(std::max<std::size_t>(maxEvents, 1));
    const Poco::Timespan::TimeDiff age = _limits.history.maxAge.totalMicroseconds();
    return {_options.keyPrefix, events,
            age == std::numeric_limits<Poco::Timespan::TimeDiff>::max() ? "0" : std::to_string(age)};
}

std::vector<EventPtr> RedisBus::publish(const std::vector<Publication>& publications)
{
    std::promise<PublishResult> promise;
    std::future<PublishResult> future = promise.get_future();
    publish(publications, [&promise](PublishResult result) { promise.set_value(std::move(result)); });
    PublishResult result = future.get();
    if (!result.stored())
        throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, result.error);
    return std::move(result.events);
}

void RedisBus::publish(std::vector<Publication> publications, Published done)
{
    PublicationRules::checkAll(publications);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        checkRoomFor(publications);
    }
    if (!_ready)
    {
        done(PublishResult{{}, whyNot(nullptr, problem())});
        return;
    }
    auto arguments = std::make_shared<std::vector<std::string>>(boundArguments());
    for (Publication& publication : publications)
    {
        arguments->push_back(std::move(publication.topic));
        arguments->push_back(std::move(publication.type));
        arguments->push_back(std::move(publication.data));
    }
    _link.post([this, arguments, done = std::move(done)]() {
        _link.script(RedisScripts::publish(), *arguments, [this, arguments, done](const redisReply* reply) {
            const std::vector<std::string>& sent = *arguments;
            const std::size_t count = (sent.size() - 3) / 3;
            if (!isArray(reply, count + 1))
            {
                done(PublishResult{{}, whyNot(reply, _link.problem())});
                return;
            }
            const Poco::Timestamp time(static_cast<Poco::Timestamp::TimeVal>(numberOf(reply->element[0])));
            std::vector<EventPtr> events;
            for (std::size_t i = 0; i < count; ++i)
                events.push_back(std::make_shared<const Event>(sent[3 + 3 * i], numberOf(reply->element[1 + i]),
                                                               sent[4 + 3 * i], sent[5 + 3 * i], time));
            done(PublishResult{std::move(events), std::string()});
        });
    });
}

void RedisBus::checkRoomFor(const std::vector<Publication>& publications) const
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

void RedisBus::linkUp()
{
    for (const std::string* script :
         {&RedisScripts::publish(), &RedisScripts::read(), &RedisScripts::head(), &RedisScripts::trim(),
          &RedisScripts::commit()})
        _link.load(*script);
    bool loaded = false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        loaded = _loaded;
    }
    if (loaded)
    {
        catchUp();
        return;
    }
    _link.script(RedisScripts::head(), {_options.keyPrefix}, [this](const redisReply* reply) { loadHead(reply); });
}

void RedisBus::linkDown()
{
    _ready = false;
    _catchingUp = false;
    _pending.clear();
}

void RedisBus::loadHead(const redisReply* reply)
{
    if (!isArray(reply, 2))
    {
        if (reply != nullptr)
            _logger.error("Redis refused to give the hub's history: " + RedisLink::text(reply));
        return;
    }
    std::vector<EventPtr> newest;
    std::map<std::string, TopicState> topics;
    for (std::size_t i = 2; i + 6 <= reply->elements; i += 6)
    {
        const std::string topic = RedisLink::text(reply->element[i]);
        const std::uint64_t sequence = numberOf(reply->element[i + 2]);
        topics[topic] = TopicState{static_cast<std::size_t>(numberOf(reply->element[i + 1])), sequence};
        newest.push_back(std::make_shared<const Event>(
            topic, sequence, RedisLink::text(reply->element[i + 3]), RedisLink::text(reply->element[i + 4]),
            Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(numberOf(reply->element[i + 5])))));
    }
    std::sort(newest.begin(), newest.end(),
              [](const EventPtr& a, const EventPtr& b) { return a->sequence() < b->sequence(); });
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _position = numberOf(reply->element[0]);
        _origin = numberOf(reply->element[1]);
        _topics = std::move(topics);
        _memory.append(newest);
        // Older events are in the streams only: memory says it does not reach back.
        for (const EventPtr& event : newest)
            _memory.forgetThrough(event->topic(), event->sequence() - 1);
        _loaded = true;
    }
    synced();
}

void RedisBus::catchUp()
{
    _catchingUp = true;
    std::uint64_t position = 0;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        position = _position;
    }
    _link.script(RedisScripts::read(),
                 {_options.keyPrefix, std::to_string(position), std::to_string(CATCH_UP_EVENTS)},
                 [this](const redisReply* reply) { caughtUp(reply); });
}

void RedisBus::caughtUp(const redisReply* reply)
{
    if (!isArray(reply, 3))
    {
        // The link is down (it catches up again once back) or Redis refused.
        _catchingUp = false;
        if (reply != nullptr)
            _logger.error("Redis refused to give the events this node missed: " + RedisLink::text(reply));
        return;
    }
    const std::size_t count = (reply->elements - 3) / 5;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        for (std::size_t i = 3; i + 5 <= reply->elements; i += 5)
        {
            const std::string topic = RedisLink::text(reply->element[i]);
            const std::uint64_t sequence = numberOf(reply->element[i + 1]);
            if (sequence <= _position)
                continue;
            TopicState& state = _topics[topic];
            deliverLocked(std::make_shared<const Event>(
                              topic, sequence, RedisLink::text(reply->element[i + 2]),
                              RedisLink::text(reply->element[i + 3]),
                              Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(numberOf(reply->element[i + 4])))),
                          std::min(state.held + 1, _limits.history.maxEvents));
        }
        if (count < CATCH_UP_EVENTS)
            _position = std::max(_position, numberOf(reply->element[0]));
    }
    if (count >= CATCH_UP_EVENTS)
    {
        catchUp();
        return;
    }
    _catchingUp = false;
    synced();
}

void RedisBus::synced()
{
    _ready = true;
    drain();
    std::vector<std::function<void()>> reads;
    reads.swap(_deferredReads);
    for (std::function<void()>& read : reads)
        read();
}

void RedisBus::message(const char* payload, std::size_t length)
{
    ClusterMessage message;
    if (!ClusterMessage::parse(payload, length, message))
    {
        _logger.warning("ignored a message on the hub's channel that is not an event");
        return;
    }
    if (_pending.size() >= MOST_PENDING)
        _pending.clear();
    const std::uint64_t sequence = message.sequence;
    _pending.emplace(sequence, std::move(message));
    if (_ready && !_catchingUp)
        drain();
}

void RedisBus::drain()
{
    bool gap = false;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        while (!_pending.empty() && !gap)
        {
            auto first = _pending.begin();
            ClusterMessage& message = first->second;
            if (message.sequence > _position)
            {
                // Something in between was missed: the streams have it.
                gap = message.previous != _position;
                if (gap)
                    break;
                deliverLocked(std::make_shared<const Event>(std::move(message.topic), message.sequence,
                                                            std::move(message.type), std::move(message.data),
                                                            Poco::Timestamp(message.micros)),
                              message.held);
            }
            _pending.erase(first);
        }
    }
    if (gap)
        catchUp();
}

void RedisBus::deliverLocked(const EventPtr& event, std::size_t held)
{
    _memory.append({event});
    _topics[event->topic()] = TopicState{held, event->sequence()};
    for (EventSink* sink : _sinks)
        sink->deliver(event);
    _position = event->sequence();
}

std::size_t RedisBus::subscriberCount(const std::string& topic) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _subscribers.of(topic);
}

void RedisBus::attach(EventSink& sink)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _sinks.push_back(&sink);
}

void RedisBus::detach(EventSink& sink)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _sinks.erase(std::remove(_sinks.begin(), _sinks.end(), &sink), _sinks.end());
}

Bus::Replay RedisBus::replay(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit)
{
    Replay result;
    std::lock_guard<std::mutex> lock(_mutex);
    // Before Redis was first reached nothing is known, and a client ahead of
    // this node (it came from a node further on) must not be sent what it
    // has again: the streams answer.
    result.inJournal = !_loaded || after > _position;
    for (const std::string& name : topics)
        result.inJournal = result.inJournal || _memory.lostAfter(name, after);
    if (result.inJournal)
    {
        result.position = after;
        return result;
    }
    result.truncated = after + 1 < _origin;
    result.events = _memory.readAfter(topics, after, 0);
    result.cut(limit, _position);
    return result;
}

void RedisBus::replayStored(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit,
                            Replayed done)
{
    _link.post([this, topics, after, limit, done = std::move(done)] { readStored(topics, after, limit, done); });
}

void RedisBus::readStored(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit,
                          const Replayed& done)
{
    auto again = [this, topics, after, limit, done] { readStored(topics, after, limit, done); };
    if (!_ready)
    {
        _deferredReads.push_back(again);
        return;
    }
    std::vector<std::string> arguments = {_options.keyPrefix, std::to_string(after), std::to_string(limit)};
    arguments.insert(arguments.end(), topics.begin(), topics.end());
    _link.script(RedisScripts::read(), arguments, [this, after, limit, done, again](const redisReply* reply) {
        if (reply == nullptr)
        {
            _deferredReads.push_back(again);
            return;
        }
        Replay result;
        std::lock_guard<std::mutex> lock(_mutex);
        std::uint64_t newest = _position;
        if (!isArray(reply, 3))
        {
            _logger.error("Redis refused to give history: " + RedisLink::text(reply));
            result.truncated = true;
        }
        else
        {
            // A position the hub has reached but this node not yet: what lies
            // between reaches the sinks later, and the caller skips it. A
            // position past the hub's (another hub's cursor) must not hide
            // the next events.
            if (after <= numberOf(reply->element[0]))
                newest = std::max(after, _position);
            result.truncated = numberOf(reply->element[2]) != 0 || after + 1 < numberOf(reply->element[1]);
            for (std::size_t i = 3; i + 5 <= reply->elements; i += 5)
            {
                const std::uint64_t sequence = numberOf(reply->element[i + 1]);
                // Later events reach the caller from the sinks.
                if (sequence > _position)
                    break;
                result.events.push_back(std::make_shared<const Event>(
                    RedisLink::text(reply->element[i]), sequence, RedisLink::text(reply->element[i + 2]),
                    RedisLink::text(reply->element[i + 3]),
                    Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(numberOf(reply->element[i + 4])))));
            }
        }
        result.cut(limit, newest);
        done(std::move(result));
    });
}

bool RedisBus::canReplay(const std::vector<std::string>&, std::uint64_t after) const
{
    // The streams keep at least what memory does; what they lost is only
    // known by asking, which this must not wait for.
    std::lock_guard<std::mutex> lock(_mutex);
    return !(after + 1 < _origin);
}

std::vector<EventPtr> RedisBus::newest(const std::vector<std::string>& topics)
{
    std::vector<EventPtr> result;
    std::lock_guard<std::mutex> lock(_mutex);
    for (const std::string& name : topics)
    {
        if (EventPtr event = _memory.newest(name))
            result.push_back(event);
    }
    std::sort(result.begin(), result.end(),
              [](const EventPtr& a, const EventPtr& b) { return a->sequence() < b->sequence(); });
    return result;
}

std::uint64_t RedisBus::lastSequence() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _position;
}

void RedisBus::countSubscribers(const std::string& name, int delta)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _subscribers.add(name, delta);
}

std::vector<Bus::TopicStatus> RedisBus::topics() const
{
    std::vector<TopicStatus> held;
    std::lock_guard<std::mutex> lock(_mutex);
    for (const auto& [name, state] : _topics)
        held.push_back(TopicStatus{name, 0, state.held, state.lastSequence});
    return _subscribers.merge(held);
}

void RedisBus::expire()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _memory.trim(Poco::Timestamp(), [](const std::string&) { return true; });
    }
    // Topics nobody publishes to are trimmed by age too.
    _link.post([this] {
        if (_link.up())
            _link.script(RedisScripts::trim(), boundArguments(), [](const redisReply*) {});
    });
}

std::string RedisBus::problem() const
{
    if (_ready)
        return std::string();
    const std::string problem = _link.problem();
    return problem.empty() ? "catching up with Redis" : problem;
}

void RedisBus::close()
{
    _link.stop();
}

} // namespace feedhub
