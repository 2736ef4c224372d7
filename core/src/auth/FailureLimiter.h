//
// FailureLimiter.h
//
// Definition of the FailureLimiter class.
//

#ifndef feedhub_FailureLimiter_INCLUDED
#define feedhub_FailureLimiter_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include <mutex>
#include <string>
#include <unordered_map>

namespace feedhub
{

class FailureLimiter
    /// Counts refused requests per client address: past maxFailures within a
    /// minute the address is refused for blockTime, and that is logged once
    /// per address per minute. Bounded: addresses whose minute has passed are
    /// forgotten when many are tracked. Any thread.
{
public:
    FailureLimiter(int maxFailures, Poco::Timespan blockTime);

    Poco::Timespan blockedFor(const std::string& address, const Poco::Timestamp& now);
        /// How much longer address is refused (0: it is not).
    void failed(const std::string& address, const std::string& what, const Poco::Timestamp& now);
        /// Counts a refusal; what (method and path, token redacted) goes into the log line.

private:
    struct Record
    {
        Poco::Timestamp windowStart;
        int failures = 0;
        Poco::Timestamp blockedUntil = 0;
        Poco::Timestamp loggedAt = 0;
    };

    void forgetOld(const Poco::Timestamp& now);

    int _maxFailures;
    Poco::Timespan _blockTime;
    std::mutex _mutex;
    std::unordered_map<std::string, Record> _records;
};

} // namespace feedhub

#endif // feedhub_FailureLimiter_INCLUDED
