#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace feedhub::bench
{

void LatencyHistogram::record(int64_t micros)
{
    // A negative latency can only come from clock stepping; count it as zero
    // rather than losing the delivery.
    const uint64_t value = micros > 0 ? static_cast<uint64_t>(micros) : 0;
    ++_buckets[bucketIndex(value)];
    ++_count;
    _max = std::max<int64_t>(_max, static_cast<int64_t>(value));
}

void LatencyHistogram::merge(const LatencyHistogram& other)
{
    for (int i = 0; i < kBucketCount; ++i)
        _buckets[i] += other._buckets[i];
    _count += other._count;
    _max = std::max(_max, other._max);
}

int64_t LatencyHistogram::quantileMicros(double quantile) const
{
    if (_count == 0)
        return 0;
    const double clamped = std::clamp(quantile, 0.0, 1.0);
    const uint64_t rank =
        std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(clamped * static_cast<double>(_count))));
    uint64_t seen = 0;
    for (int i = 0; i < kBucketCount; ++i)
    {
        seen += _buckets[i];
        if (seen >= rank)
            return std::min<int64_t>(static_cast<int64_t>(bucketUpperEdge(i)), _max);
    }
    return _max;
}

int LatencyHistogram::bucketIndex(uint64_t value)
{
    if (value < 2 * kSubBucketCount)
        return static_cast<int>(value);
    const int highestBit = 63 - __builtin_clzll(value);
    const int shift = highestBit - kSubBucketBits;
    return static_cast<int>(kSubBucketCount) * (shift + 1) +
           static_cast<int>((value >> shift) - kSubBucketCount);
}

uint64_t LatencyHistogram::bucketUpperEdge(int index)
{
    if (index < static_cast<int>(2 * kSubBucketCount))
        return static_cast<uint64_t>(index);
    const int shift = index / static_cast<int>(kSubBucketCount) - 1;
    const uint64_t mantissa =
        static_cast<uint64_t>(index % static_cast<int>(kSubBucketCount)) + kSubBucketCount;
    return ((mantissa + 1) << shift) - 1;
}

} // namespace feedhub::bench
