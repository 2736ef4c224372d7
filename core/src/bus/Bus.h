//
// Bus.h
//
// Definition of the Bus interface.
//

#ifndef feedhub_Bus_INCLUDED
#define feedhub_Bus_INCLUDED

#include "bus/EventSink.h"
#include "feedhub/Publisher.h"
#include <cstdint>
#include <string>
#include <vector>

namespace feedhub
{

class Bus : public Publisher
    /// The topic bus: publishing, per-topic history, and the event sinks that
    /// fan events out to transports. Transports only talk to this interface,
    /// so another implementation (one backed by Redis, say) can replace the
    /// in-process one.
{
public:
    struct Replay
        /// What history holds after a position on a set of topics.
    {
        std::vector<EventPtr> events;
            /// Oldest first, across all the topics.
        std::uint64_t position = 0;
            /// The sequence the client has seen after taking these events:
            /// the last one returned if the limit cut the list short, else
            /// the bus's newest sequence at the time of the replay.
        bool truncated = false;
            /// Events after the requested position are no longer held.
    };

    struct TopicStatus
    {
        std::string name;
        std::size_t subscribers = 0;
        std::size_t held = 0;
        std::uint64_t lastSequence = 0;
    };

    virtual void attach(EventSink& sink) = 0;
        /// Sinks receive every event published after they are attached.

    virtual void detach(EventSink& sink) = 0;

    virtual Replay replay(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit) = 0;
        /// The events after the position, at most limit (0: no limit). Taken
        /// consistently with delivery to sinks: every later event reaches the
        /// sinks after this call returns.

    virtual std::vector<EventPtr> newest(const std::vector<std::string>& topics) = 0;
        /// The newest held event of each topic that has one, oldest first.

    virtual std::uint64_t lastSequence() const = 0;

    virtual void countSubscribers(const std::string& topic, int delta) = 0;
        /// Adds delta to the topic's count of watching connections.

    virtual std::vector<TopicStatus> topics() const = 0;

    virtual void expire() = 0;
        /// Drops events past their age and forgets idle, empty topics.
};

} // namespace feedhub

#endif // feedhub_Bus_INCLUDED
