//
// FailureLimiter.cpp
//

#include "auth/FailureLimiter.h"
#include "Poco/Logger.h"

namespace feedhub
{

namespace
{

const Poco::Timespan MINUTE(60, 0);

// Addresses tracked before those with nothing to remember are dropped.
constexpr std::size_t TRACKED_ADDRESSES = 10000;

} // namespace

FailureLimiter::FailureLimiter(int maxFailures, Poco::Timespan blockTime)
    : _maxFailures(maxFailures), _blockTime(blockTime)
{
}

Poco::Timespan FailureLimiter::blockedFor(const std::string& address, const Poco::Timestamp& now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    const auto found = _records.find(address);
    if (found == _records.end() || found->second.blockedUntil <= now)
        return Poco::Timespan();
    return Poco::Timespan(found->second.blockedUntil - now);
}

void FailureLimiter::failed(const std::string& address, const std::string& what, const Poco::Timestamp& now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_records.size() >= TRACKED_ADDRESSES && _records.find(address) == _records.end())
        forgetOld(now);
    Record& record = _records[address];
    if (now - record.windowStart >= MINUTE.totalMicroseconds())
    {
        record.windowStart = now;
        record.failures = 0;
    }
    if (++record.failures <= _maxFailures)
        return;
    record.blockedUntil = now + _blockTime.totalMicroseconds();
    if (now - record.loggedAt < MINUTE.totalMicroseconds())
        return;
    record.loggedAt = now;
    Poco::Logger::get("feedhub.auth")
        .warning("refusing %s for %d s: more than %d authorization failures within a minute (last: %s)",
                 address, static_cast<int>(_blockTime.totalSeconds()), _maxFailures, what);
}

void FailureLimiter::forgetOld(const Poco::Timestamp& now)
{
    for (auto entry = _records.begin(); entry != _records.end();)
    {
        const Record& record = entry->second;
        const bool idle =
            now - record.windowStart >= MINUTE.totalMicroseconds() && record.blockedUntil <= now;
        entry = idle ? _records.erase(entry) : std::next(entry);
    }
}

} // namespace feedhub
