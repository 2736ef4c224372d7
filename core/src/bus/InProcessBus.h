//
// InProcessBus.h
//
// Definition of the InProcessBus class.
//

#ifndef feedhub_InProcessBus_INCLUDED
#define feedhub_InProcessBus_INCLUDED

#include "Poco/Timespan.h"
#include "bus/Bus.h"
#include "bus/TopicHistory.h"
#include <map>
#include <mutex>

namespace feedhub
{

class InProcessBus : public Bus
    /// The bus of a single hub process.
    ///
    /// Sequence numbers start at the wall-clock time in microseconds when the
    /// bus is created, so ids keep increasing across restarts and a client
    /// resuming with an id from before a restart gets everything held since.
{
public:
    struct Limits
    {
        std::size_t historyEvents = 1000;
        Poco::Timespan historyAge = Poco::Timespan(3600, 0);
        std::size_t maxTopics = 10000;
    };

    explicit InProcessBus(const Limits& limits);

    std::vector<EventPtr> publish(const std::vector<Publication>& publications) override;
    using Publisher::publish;
    std::size_t subscriberCount(const std::string& topic) const override;

    void attach(EventSink& sink) override;
    void detach(EventSink& sink) override;
    Replay replay(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit) override;
    std::vector<EventPtr> newest(const std::vector<std::string>& topics) override;
    std::uint64_t lastSequence() const override;
    void countSubscribers(const std::string& topic, int delta) override;
    std::vector<TopicStatus> topics() const override;
    void expire() override;

private:
    struct Topic
    {
        explicit Topic(const Limits& limits) : history(limits.historyEvents, limits.historyAge) {}
        TopicHistory history;
        std::size_t subscribers = 0;
    };

    Topic& topicFor(const std::string& name);
    void checkRoomFor(const std::vector<Publication>& publications) const;

    Limits _limits;
    std::uint64_t _firstSequence;
    mutable std::mutex _mutex;
    std::map<std::string, Topic> _topics;
    std::vector<EventSink*> _sinks;
    std::uint64_t _lastSequence;
    std::uint64_t _forgottenSequence = 0;
        /// The newest sequence of any topic forgotten by expire(): a client
        /// resuming before it on a topic the bus no longer knows may have
        /// missed events.
};

} // namespace feedhub

#endif // feedhub_InProcessBus_INCLUDED
