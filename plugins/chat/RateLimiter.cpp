//
// RateLimiter.cpp
//

#include "RateLimiter.h"
#include <algorithm>

namespace feedhub::chat
{

namespace
{

// Past this many clients, the ones whose bucket has filled up again are forgotten.
constexpr std::size_t FORGET_AT = 10000;

} // namespace

RateLimiter::RateLimiter(std::size_t burst, Poco::Timespan window)
    : _burst(static_cast<Poco::Int64>(burst)), _cost(window.totalMicroseconds())
{
}

bool RateLimiter::take(const std::string& client, Poco::Timestamp now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_buckets.size() >= FORGET_AT)
        forgetFull(now);
    auto [it, added] = _buckets.emplace(client, Bucket{_burst * _cost, now});
    Bucket& bucket = it->second;
    bucket.credit = creditOf(bucket, now);
    bucket.filled = now;
    if (bucket.credit < _cost)
        return false;
    bucket.credit -= _cost;
    return true;
}

Poco::Int64 RateLimiter::creditOf(const Bucket& bucket, Poco::Timestamp now) const
{
    // Whole numbers, so that a refill lands exactly where the window says.
    return std::min(_burst * _cost, bucket.credit + std::max<Poco::Int64>(0, now - bucket.filled) * _burst);
}

void RateLimiter::forgetFull(Poco::Timestamp now)
{
    for (auto it = _buckets.begin(); it != _buckets.end();)
    {
        if (creditOf(it->second, now) >= _burst * _cost)
            it = _buckets.erase(it);
        else
            ++it;
    }
}

} // namespace feedhub::chat
