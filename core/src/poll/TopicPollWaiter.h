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
{
public:
    TopicPollWaiter(Bus& bus, std::vector<std::string> topics, std::optional<std::uint64_t> since,
                    std::size_t batchSize);

    std::vector<std::string> topics() const override;
    std::optional<std::string> check() override;

private:
    std::optional<std::string> currentState();
    static std::string answer(const std::vector<EventPtr>& events, std::uint64_t position, bool truncated);

    Bus& _bus;
    std::vector<std::string> _topics;
    std::optional<std::uint64_t> _since;
    std::size_t _batchSize;
};

} // namespace feedhub

#endif // feedhub_TopicPollWaiter_INCLUDED
