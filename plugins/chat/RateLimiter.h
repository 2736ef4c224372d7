//
// RateLimiter.h
//
// Definition of the RateLimiter class.
//

#ifndef feedhub_chat_RateLimiter_INCLUDED
#define feedhub_chat_RateLimiter_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include <map>
#include <mutex>
#include <string>

namespace feedhub::chat
{

class RateLimiter
    /// At most `burst` actions per client in any `window`, refilled evenly (a
    /// token bucket per client), so a chatty client is slowed, not cut off.
    /// Thread-safe.
{
public:
    RateLimiter(std::size_t burst, Poco::Timespan window);

    bool take(const std::string& client, Poco::Timestamp now = Poco::Timestamp());
        /// Whether client may act now; if so, counts it.

private:
    struct Bucket
    {
        Poco::Int64 credit; /// one action costs window microseconds; each microsecond adds burst
        Poco::Timestamp filled;
    };

    Poco::Int64 creditOf(const Bucket& bucket, Poco::Timestamp now) const;
    void forgetFull(Poco::Timestamp now);

    Poco::Int64 _burst;
    Poco::Int64 _cost;
    std::mutex _mutex;
    std::map<std::string, Bucket> _buckets;
};

} // namespace feedhub::chat

#endif // feedhub_chat_RateLimiter_INCLUDED
