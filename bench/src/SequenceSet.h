#pragma once

#include <cstdint>
#include <vector>

namespace feedhub::bench
{

// Dense bitmap over the event sequence numbers 0..capacity-1 of one run. One
// per subscriber records which events arrived; the publisher keeps one of the
// events it published successfully. Sized once up front so that marking a
// delivery never allocates.
class SequenceSet
{
public:
    explicit SequenceSet(uint64_t capacity);

    uint64_t capacity() const { return _capacity; }

    // Returns false if the number was already present (a duplicate) or is
    // outside the run.
    bool insert(uint64_t number);
    uint64_t size() const;

    // Members of `wanted` that are missing from this set.
    uint64_t countMissingFrom(const SequenceSet& wanted) const;

private:
    uint64_t _capacity;
    std::vector<uint64_t> _words;
};

} // namespace feedhub::bench
