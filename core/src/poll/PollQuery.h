//
// PollQuery.h
//
// Definition of the PollQuery struct.
//

#ifndef feedhub_PollQuery_INCLUDED
#define feedhub_PollQuery_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/URI.h"
#include "feedhub/HubSettings.h"
#include "feedhub/LongPollWaiter.h"
#include <cstdint>
#include <memory>
#include <optional>

namespace feedhub
{

struct PollQuery
    /// What a GET /poll?topic=&since=&timeout= asks for. Read the same way on
    /// a worker thread (LongPollHandler) and on an event loop (the next
    /// request of a kept-alive LoopHttpConnection).
{
    std::vector<std::string> topics;
    std::optional<std::uint64_t> since;
    Poco::Timespan timeout;
    std::size_t batchSize = 0;

    static PollQuery read(const Poco::URI& uri, const HubSettings& settings);
        /// Throws HttpError 400, Poco::InvalidArgumentException or
        /// Poco::SyntaxException naming what is wrong. A timeout above
        /// [poll] max_timeout_seconds is not an error: the connection caps
        /// the wait.

    std::unique_ptr<LongPollWaiter> waiter() const;
};

} // namespace feedhub

#endif // feedhub_PollQuery_INCLUDED
