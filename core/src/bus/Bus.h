//
// Bus.h
//
// Definition of the Bus interface.
//

#ifndef feedhub_Bus_INCLUDED
#define feedhub_Bus_INCLUDED

#include "bus/EventSink.h"
#include "bus/PublishResult.h"
#include "feedhub/Publisher.h"
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace feedhub
{

class Bus : public Publisher
    /// The topic bus: publishing, per-topic history, and the event sinks that
    /// fan events out to transports. Transports only talk to this interface,
    /// so another implementation (one backed by Redis, say) can replace the
    /// in-process one.
    ///
    /// Threading: an event is acknowledged, handed to the sinks and visible
    /// to replay() only once its history store has committed it. Calls
    /// documented as never blocking are safe on an event loop thread; they
    /// take the bus's lock only for work in memory. The blocking publish()
    /// and anything that reads the disk belong on other threads.
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
        bool inJournal = false;
            /// Memory no longer holds everything after the position but the
            /// journal does: events is empty, and replayStored() reads it.

        void cut(std::size_t limit, std::uint64_t newest)
            /// Keeps the first limit events (0: all) and sets the position:
            /// the last one kept if the limit cut the list short, else newest.
        {
            if (limit != 0 && events.size() > limit)
            {
                events.resize(limit);
                position = events.back()->sequence();
                return;
            }
            // Not max(after, ...): a cursor past the newest sequence (another hub's,
            // or from before a clock was set back) would hide the next events.
            position = newest;
        }
    };

    using Published = std::function<void(PublishResult result)>;
    using Replayed = std::function<void(Replay replay)>;

    struct TopicStatus
    {
        std::string name;
        std::size_t subscribers = 0;
        std::size_t held = 0;
        std::uint64_t lastSequence = 0;
    };

    virtual void publish(std::vector<Publication> publications, Published done) = 0;
        /// The non-blocking publish, for event loops. Checks every publication
        /// first and throws as the blocking publish() does, on the calling
        /// thread, before anything is queued. Then calls done exactly once,
        /// when the batch is stored (result.events) or could not be
        /// (result.error: answer 503): on the calling thread before returning
        /// for a store in memory, on the journal's thread for a file store.
        /// done must not block; a loop posts the answer to its own thread.
        /// An error about one event of several names it with batchItem().

    static std::string batchItem(std::size_t index)
        /// "batch item N (counting from 0)": how an error names the event of
        /// a batch it is about, so the publisher can find it.
    {
        return "batch item " + std::to_string(index) + " (counting from 0)";
    }

    using Publisher::publish;

    virtual void attach(EventSink& sink) = 0;
        /// Sinks receive every event published after they are attached.

    virtual void detach(EventSink& sink) = 0;

    virtual Replay replay(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit) = 0;
        /// The events after the position that memory holds, at most limit (0:
        /// no limit). Taken consistently with delivery to sinks: every later
        /// event reaches the sinks after this call returns. Never blocks; if
        /// only the journal still holds what was asked, says so (inJournal).

    virtual void replayStored(const std::vector<std::string>& topics, std::uint64_t after, std::size_t limit,
                              Replayed done) = 0;
        /// Reads what replay() found only in the journal, on the journal's
        /// thread, and calls done there with it. Its position is the newest
        /// event stored when the call was made: a caller watching the topics
        /// from before the call gets every later event from the sinks (and
        /// some earlier ones, to skip by sequence). Never blocks.

    virtual bool canReplay(const std::vector<std::string>& topics, std::uint64_t after) const = 0;
        /// True if a client at the position can resume with nothing lost
        /// (from memory or the journal). Never blocks.

    virtual std::vector<EventPtr> newest(const std::vector<std::string>& topics) = 0;
        /// The newest held event of each topic that has one, oldest first.

    virtual std::uint64_t lastSequence() const = 0;

    virtual void countSubscribers(const std::string& topic, int delta) = 0;
        /// Adds delta to the topic's count of watching connections. A topic
        /// nobody has published to is counted without taking a place among
        /// the hub's topics.

    virtual std::vector<TopicStatus> topics() const = 0;

    virtual void expire() = 0;
        /// Drops events past their age and forgets idle, empty topics; a
        /// journal is trimmed on its own thread. Never blocks.

    virtual std::string problem() const { return std::string(); }
        /// Why the bus cannot take publishes now (Redis is out of reach,
        /// say), for /healthz; empty when it can. Never blocks.

    virtual void close() = 0;
        /// Stores what is queued and stops the journal's thread; later
        /// publishes fail. Called once the transports have stopped.
};

} // namespace feedhub

#endif // feedhub_Bus_INCLUDED
