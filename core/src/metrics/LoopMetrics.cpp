//
// LoopMetrics.cpp
//

#include "metrics/LoopMetrics.h"

namespace feedhub
{

const std::array<LoopMetrics::Transport, LoopMetrics::TRANSPORTS>& LoopMetrics::transports()
{
    static const std::array<Transport, TRANSPORTS> all = {Transport::HTTP, Transport::POLL, Transport::SSE,
                                                          Transport::WEBSOCKET};
    return all;
}

const std::string& LoopMetrics::name(Transport transport)
{
    static const std::array<std::string, TRANSPORTS> names = {"http", "poll", "sse", "websocket"};
    return names[static_cast<std::size_t>(transport)];
}

void LoopMetrics::refused(int status)
{
    if (status >= LOWEST_REFUSAL && status <= HIGHEST_REFUSAL)
        _refusals[static_cast<std::size_t>(status - LOWEST_REFUSAL)].add(1);
}

std::int64_t LoopMetrics::refusals(int status) const
{
    if (status < LOWEST_REFUSAL || status > HIGHEST_REFUSAL)
        return 0;
    return _refusals[static_cast<std::size_t>(status - LOWEST_REFUSAL)].value();
}

} // namespace feedhub
