#pragma once

#include <array>
#include <cstdint>

namespace feedhub::bench
{

// Log-linear latency histogram (HDR style): 64 sub-buckets per power of two,
// i.e. under 1.6% relative error, over a fixed array so recording never
// allocates. Values are microseconds.
class LatencyHistogram
{
public:
    void record(int64_t micros);
    // Adds every value recorded by another histogram, as if recorded here.
    void merge(const LatencyHistogram& other);

    uint64_t count() const { return _count; }
    int64_t maxMicros() const { return _max; }

    // Upper edge of the bucket holding the given quantile (0..1], capped at the
    // exact maximum; 0 when empty.
    int64_t quantileMicros(double quantile) const;

private:
    static constexpr int kSubBucketBits = 6;
    static constexpr uint64_t kSubBucketCount = 1u << kSubBucketBits;
    // Values below 2 * kSubBucketCount get one bucket each; every further power
    // of two up to 2^63 gets kSubBucketCount buckets.
    static constexpr int kBucketCount = static_cast<int>(kSubBucketCount) * (64 - kSubBucketBits);

    static int bucketIndex(uint64_t value);
    static uint64_t bucketUpperEdge(int index);

    std::array<uint64_t, kBucketCount> _buckets{};
    uint64_t _count = 0;
    int64_t _max = 0;
};

} // namespace feedhub::bench
