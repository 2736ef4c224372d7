#include "SequenceSet.h"

#include <algorithm>

namespace feedhub::bench
{

SequenceSet::SequenceSet(uint64_t capacity) : _capacity(capacity), _words((capacity + 63) / 64, 0) {}

bool SequenceSet::insert(uint64_t number)
{
    if (number >= _capacity)
        return false;
    uint64_t& word = _words[number / 64];
    const uint64_t bit = uint64_t{1} << (number % 64);
    if (word & bit)
        return false;
    word |= bit;
    return true;
}

uint64_t SequenceSet::size() const
{
    uint64_t total = 0;
    for (uint64_t word : _words)
        total += static_cast<uint64_t>(__builtin_popcountll(word));
    return total;
}

uint64_t SequenceSet::countMissingFrom(const SequenceSet& wanted) const
{
    const size_t common = std::min(_words.size(), wanted._words.size());
    uint64_t missing = 0;
    for (size_t i = 0; i < common; ++i)
        missing += static_cast<uint64_t>(__builtin_popcountll(wanted._words[i] & ~_words[i]));
    for (size_t i = common; i < wanted._words.size(); ++i)
        missing += static_cast<uint64_t>(__builtin_popcountll(wanted._words[i]));
    return missing;
}

} // namespace feedhub::bench
