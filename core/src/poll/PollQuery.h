//
// PollQuery.h
//
// Definition of the PollQuery struct.
//

#ifndef feedhub_PollQuery_INCLUDED
#define feedhub_PollQuery_INCLUDED

#include "Poco/Timespan.h"
#include "bus/Bus.h"
#include "feedhub/HttpRequest.h"
#include "config/HubSettings.h"
#include "feedhub/LongPollWaiter.h"
#include <cstdint>
#include <memory>
#include <optional>

namespace feedhub
{

struct PollQuery
    /// What a GET /poll?topic=&since=&timeout= asks for.
{
    std::vector<std::string> topics;
    std::optional<std::uint64_t> since;
    Poco::Timespan timeout;
    std::size_t batchSize = 0;

    static PollQuery read(const HttpRequest& request, const HubSettings& settings);
        /// Throws HttpError 400 (an unknown parameter included), Poco::InvalidArgumentException or
        /// Poco::SyntaxException naming what is wrong. A timeout above
        /// [poll] max_timeout_seconds is not an error: the connection caps
        /// the wait.

    std::unique_ptr<LongPollWaiter> waiter(Bus& bus) const;
};

} // namespace feedhub

#endif // feedhub_PollQuery_INCLUDED
