//
// PublishMetrics.cpp
//

#include "metrics/PublishMetrics.h"

namespace feedhub
{

const std::string& PublishMetrics::name(Outcome outcome)
{
    static const std::array<std::string, OUTCOMES> names = {"accepted", "refused", "failed"};
    return names[static_cast<std::size_t>(outcome)];
}

void PublishMetrics::refused()
{
    _events[static_cast<std::size_t>(Outcome::REFUSED)].fetch_add(1, std::memory_order_relaxed);
}

void PublishMetrics::finished(const PublishResult& result, const Poco::Clock& started)
{
    if (!result.stored())
    {
        _events[static_cast<std::size_t>(Outcome::FAILED)].fetch_add(1, std::memory_order_relaxed);
        return;
    }
    _events[static_cast<std::size_t>(Outcome::ACCEPTED)].fetch_add(result.events.size(),
                                                                   std::memory_order_relaxed);
    _latency.observe(started.elapsed());
}

std::uint64_t PublishMetrics::events(Outcome outcome) const
{
    return _events[static_cast<std::size_t>(outcome)].load(std::memory_order_relaxed);
}

} // namespace feedhub
