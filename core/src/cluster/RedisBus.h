//
// RedisBus.h
//
// Definition of the RedisBus class.
//

#ifndef feedhub_RedisBus_INCLUDED
#define feedhub_RedisBus_INCLUDED

#include "bus/Bus.h"
#include "bus/InProcessBus.h"
#include "bus/TopicSubscribers.h"
#include "cluster/ClusterMessage.h"
#include "cluster/RedisLink.h"
#include "history/MemoryHistoryStore.h"
#include <atomic>
#include <map>
#include <mutex>

namespace feedhub
{

class RedisBus : public Bus, private RedisLink::Listener
    /// The bus of a hub that is one node of several sharing a Redis server
    /// ([cluster] backend = redis).
    ///
    /// A publish is one script in Redis (RedisScripts::publish()) that
    /// numbers the events with the hub-wide sequence, adds them to their
    /// topics' streams and announces them on the hub's channel; it is
    /// answered once Redis has answered. Every node, this one included,
    /// delivers what the channel announces to its sinks in sequence order,
    /// so ids and cursors mean the same on every node. A message whose
    /// previous sequence is not the last one delivered shows a gap (a
    /// reconnect, a lost message): the node reads what it missed from the
    /// streams, in order, then goes on with the channel, skipping what it
    /// has already delivered.
    ///
    /// Memory holds the recent events as InProcessBus's does, within the
    /// same bounds and budget; what it does not hold is read from the
    /// streams by replayStored(). All talk with Redis is on the link's own
    /// thread (RedisLink): nothing here waits on the network.
{
public:
    struct Options
    {
        RedisAddress address;
        std::string keyPrefix;
        std::string nodeName;
        Poco::Timespan timeout;
            /// Longest wait for a reply before Redis counts as out of reach.
    };

    RedisBus(const InProcessBus::Limits& limits, const Options& options);
        /// Starts connecting; publishes are refused until Redis is reached.
    ~RedisBus() override;

    std::vector<EventPtr> publish(const std::vector<Publication>& publications) override;
    void publish(std::vector<Publication> publications, Published done) override;
    using Publisher::publish;
    std::size_t subscriberCount(const std::string& topic) const override;

    void attach(EventSink& sink) override;
    void detach(EventSink& sink) override;
    Replay replay(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit) override;
    void replayStored(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit,
                      Replayed done) override;
    bool canReplay(const std::vector<std::string>& topics, std::uint64_t after) const override;
    std::vector<EventPtr> newest(const std::vector<std::string>& topics) override;
    std::uint64_t lastSequence() const override;
    void countSubscribers(const std::string& topic, int delta) override;
    std::vector<TopicStatus> topics() const override;
    void expire() override;
    std::string problem() const override;
    void close() override;

    const RedisLink& link() const { return _link; }
        /// For the metrics.

    RedisLink& link() { return _link; }
        /// For the feeds' states (RedisFeedState), which talk to Redis on
        /// the bus's link.

private:
    struct TopicState
    {
        std::size_t held = 0;
        std::uint64_t lastSequence = 0;
    };

    void linkUp() override;
    void linkDown() override;
    void message(const char* payload, std::size_t length) override;

    void loadHead(const redisReply* reply);
    void catchUp();
    void caughtUp(const redisReply* reply);
    void synced();
    void drain();
    void readStored(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit,
                    const Replayed& done);
    void deliverLocked(const EventPtr& event, std::size_t held);
    void checkRoomFor(const std::vector<Publication>& publications) const;
    std::vector<std::string> boundArguments() const;

    InProcessBus::Limits _limits;
    Options _options;
    Poco::Logger& _logger;

    mutable std::mutex _mutex;
    MemoryHistoryStore _memory;
    std::map<std::string, TopicState> _topics;
    TopicSubscribers _subscribers;
    std::vector<EventSink*> _sinks;
    std::uint64_t _position = 0;
        /// The last sequence delivered to the sinks.
    std::uint64_t _origin = 0;
    bool _loaded = false;
        /// The hub's position and newest events have been read once.

    std::atomic<bool> _ready{false};
        /// Up and caught up: publishes are taken.

    // The link thread's own.
    bool _catchingUp = false;
    std::map<std::uint64_t, ClusterMessage> _pending;
        /// Announced events not delivered yet, by sequence.
    std::vector<std::function<void()>> _deferredReads;
        /// History reads waiting for Redis to be reached.

    RedisLink _link;
        /// Last, so that its thread stops before the rest goes.
};

} // namespace feedhub

#endif // feedhub_RedisBus_INCLUDED
