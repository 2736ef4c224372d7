//
// InProcessBus.cpp
//

#include "bus/InProcessBus.h"
#include "bus/PublicationRules.h"
#include "util/HeldWakeups.h"
#include "Poco/Exception.h"
#include "feedhub/HttpError.h"
#include "history/TopicHistory.h"
#include <algorithm>
#include <future>
#include <set>

namespace feedhub
{

InProcessBus::InProcessBus(const Limits& limits)
    : _limits(limits), _memory(limits.history, limits.memoryBudgetBytes),
      _originSequence(_memory.originSequence()), _lastAssigned(_originSequence), _lastStored(_originSequence)
{
}

InProcessBus::InProcessBus(const Limits& limits, std::unique_ptr<HistoryStore> journal,
                           const JournalOptions& options)
    : InProcessBus(limits)
{
    _originSequence = journal->originSequence();
    _lastAssigned = std::max(_lastAssigned, journal->lastSequence());
    _lastStored = _lastAssigned;
    _journal =
        std::make_unique<HistoryJournal>(std::move(journal), options.groupEvents, options.commitWindow);
    loadFromJournal();
}

InProcessBus::~InProcessBus()
{
    close();
}

void InProcessBus::loadFromJournal()
{
    std::promise<void> loaded;
    _journal->post([&](HistoryStore& store) {
        try
        {
            _memory.append(store.recent(_limits.memoryBudgetBytes));
            // What the journal holds before the events loaded is older
            // history: memory says it does not reach back there.
            for (const HistoryStore::TopicSummary& topic : store.summaries())
            {
                const EventPtr newest = _memory.newest(topic.name);
                std::vector<EventPtr> held = _memory.readAfter({topic.name}, 0, 1);
                const std::uint64_t firstHeld =
                    held.empty() ? topic.lastSequence + 1 : held.front()->sequence();
                if (topic.held > 0 && (held.empty() || topic.oldestSequence < firstHeld))
                    _memory.forgetThrough(topic.name, firstHeld - 1);
            }
            loaded.set_value();
        }
        catch (...)
        {
            loaded.set_exception(std::current_exception());
        }
    });
    loaded.get_future().get();
}

std::vector<EventPtr> InProcessBus::publish(const std::vector<Publication>& publications)
{
    std::promise<PublishResult> promise;
    std::future<PublishResult> future = promise.get_future();
    publish(publications, [&promise](PublishResult result) { promise.set_value(std::move(result)); });
    // A thread about to wait for the journal must not hold the journal's wake-up.
    HeldWakeups::endRound();
    PublishResult result = future.get();
    if (!result.stored())
        throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, result.error);
    return std::move(result.events);
}

void InProcessBus::publish(std::vector<Publication> publications, Published done)
{
    PublicationRules::checkAll(publications);

    std::vector<EventPtr> events;
    events.reserve(publications.size());
    {
        std::lock_guard<std::mutex> lock(_mutex);
        checkRoomFor(publications);
        const Poco::Timestamp now;
        for (Publication& publication : publications)
        {
            _memory.reserve(publication.topic);
            events.push_back(std::make_shared<const Event>(std::move(publication.topic), ++_lastAssigned,
                                                           std::move(publication.type),
                                                           std::move(publication.data), now));
        }
        if (_journal)
        {
            // Queued under the lock, so that batches are stored in sequence order.
            _journal->append(events, [this, events, done = std::move(done)](const std::string& error) {
                stored(events, error, done);
            });
            return;
        }
        commitLocked(events);
    }
    done(PublishResult{std::move(events), std::string()});
}

void InProcessBus::stored(const std::vector<EventPtr>& events, const std::string& error,
                          const Published& done)
{
    if (!error.empty())
    {
        done(PublishResult{{}, error});
        return;
    }
    {
        std::lock_guard<std::mutex> lock(_mutex);
        commitLocked(events);
    }
    done(PublishResult{events, std::string()});
}

void InProcessBus::commitLocked(const std::vector<EventPtr>& events)
{
    _memory.append(events);
    for (const EventPtr& event : events)
    {
        for (EventSink* sink : _sinks)
            sink->deliver(event);
    }
    _lastStored = events.back()->sequence();
}

void InProcessBus::checkRoomFor(const std::vector<Publication>& publications) const
{
    std::set<std::string> added;
    for (const Publication& publication : publications)
    {
        if (!_memory.holds(publication.topic))
            added.insert(publication.topic);
    }
    if (_memory.topicCount() + added.size() > _limits.maxTopics)
        throw Poco::InvalidArgumentException("the hub holds its maximum number of topics");
}

std::size_t InProcessBus::subscriberCount(const std::string& topic) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _subscribers.of(topic);
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

bool InProcessBus::lostLocked(const std::string& topic, std::uint64_t after, bool& inJournal) const
{
    if (!_memory.lostAfter(topic, after))
        return false;
    if (_journal && !_journal->store().lostAfter(topic, after))
    {
        inJournal = true;
        return false;
    }
    return true;
}

Bus::Replay InProcessBus::replay(const std::vector<std::string>& topics, std::uint64_t after,
                                 std::size_t limit)
{
    Replay result;
    std::lock_guard<std::mutex> lock(_mutex);
    result.truncated = after + 1 < _originSequence;
    for (const std::string& name : topics)
        result.truncated = lostLocked(name, after, result.inJournal) || result.truncated;
    if (result.inJournal)
    {
        result.position = after;
        return result;
    }
    result.events = _memory.readAfter(topics, after, 0);
    result.cut(limit, _lastStored);
    return result;
}

void InProcessBus::replayStored(const std::vector<std::string>& topics, std::uint64_t after,
                                std::size_t limit, Replayed done)
{
    if (!_journal)
    {
        done(replay(topics, after, limit));
        return;
    }
    std::uint64_t position = 0;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        position = _lastStored;
    }
    _journal->post([this, topics, after, limit, position, done = std::move(done)](HistoryStore& store) {
        Replay result;
        try
        {
            result.events = store.readAfter(topics, after, 0);
        }
        catch (const Poco::Exception&)
        {
            result.truncated = true;
        }
        // After the read, which may find more of it beyond the bounds.
        result.truncated = result.truncated || after + 1 < _originSequence;
        for (const std::string& name : topics)
            result.truncated = store.lostAfter(name, after) || result.truncated;
        // Later events reach the caller from the sinks.
        while (!result.events.empty() && result.events.back()->sequence() > position)
            result.events.pop_back();
        result.cut(limit, position);
        done(std::move(result));
    });
}

bool InProcessBus::canReplay(const std::vector<std::string>& topics, std::uint64_t after) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (after + 1 < _originSequence)
        return false;
    bool inJournal = false;
    return std::none_of(topics.begin(), topics.end(),
                        [&](const std::string& name) { return lostLocked(name, after, inJournal); });
}

std::vector<EventPtr> InProcessBus::newest(const std::vector<std::string>& topics)
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _memory.newest(topics);
}

std::uint64_t InProcessBus::lastSequence() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _lastStored;
}

void InProcessBus::countSubscribers(const std::string& name, int delta)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _subscribers.add(name, delta);
}

std::vector<Bus::TopicStatus> InProcessBus::topics() const
{
    std::vector<TopicStatus> held;
    std::lock_guard<std::mutex> lock(_mutex);
    for (const HistoryStore::TopicSummary& topic : _memory.summaries())
        held.push_back(TopicStatus{topic.name, 0, topic.held, topic.lastSequence});
    return _subscribers.merge(held);
}

void InProcessBus::expire()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        // A watched topic keeps its entry, and with it its last sequence.
        _memory.trim(Poco::Timestamp(),
                     [this](const std::string& name) { return _subscribers.watched(name); });
    }
    if (_journal)
        _journal->post([](HistoryStore& store) { store.trim(Poco::Timestamp()); });
}

void InProcessBus::close()
{
    if (_journal)
        _journal->stop();
}

} // namespace feedhub
