//
// TopicPollWaiter.h
//
// Definition of the TopicPollWaiter class.
//

#ifndef feedhub_TopicPollWaiter_INCLUDED
#define feedhub_TopicPollWaiter_INCLUDED

#include "feedhub/Event.h"
#include "bus/Bus.h"
#include "feedhub/LongPollWaiter.h"
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

class TopicPollWaiter : public LongPollWaiter
    /// The waiter of GET /poll: answers with the held events after the
    /// client's cursor on its topics, at most a batch of them, with the cursor
    /// to ask for the rest.
    ///
    /// Without a cursor it answers with the newest held event of each topic
    /// (the current state); if none is held it waits, from the bus's position
    /// when first checked, for the next event. The cursor is the hub-wide
    /// sequence SSE ids carry, so a client can switch between the transports.
    /// A cursor from further back than memory reaches is read by the
    /// journal's thread; the waiter is checked again when it is done.
{
public:
    TopicPollWaiter(Bus& bus, std::vector<std::string> topics, std::optional<std::uint64_t> since,
                    std::size_t batchSize);

    std::vector<std::string> topics() const override;
    std::optional<std::string> check() override;
    void setRecheck(std::function<void()> recheck) override;
    bool answerPending() const override;

private:
    struct StoredRead
        /// A read of older history, filled in on the journal's thread.
    {
        std::mutex mutex;
        std::optional<Bus::Replay> replay;
    };

    std::optional<std::string> answerFrom(const Bus::Replay& replay);
    std::optional<std::string> currentState();
    static std::string answer(const std::vector<EventPtr>& events, std::uint64_t position, bool truncated);

    Bus& _bus;
    std::vector<std::string> _topics;
    std::optional<std::uint64_t> _since;
    std::size_t _batchSize;
    std::function<void()> _recheck;
    std::shared_ptr<StoredRead> _storedRead;
};

} // namespace feedhub

#endif // feedhub_TopicPollWaiter_INCLUDED
