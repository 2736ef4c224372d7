//
// OwnedCounter.h
//
// Definition of the OwnedCounter class.
//

#ifndef feedhub_OwnedCounter_INCLUDED
#define feedhub_OwnedCounter_INCLUDED

#include <atomic>
#include <cstdint>

namespace feedhub
{

class OwnedCounter
    /// A number that one thread changes (an event loop's, for its own
    /// connections) and any thread reads (a scrape of /metrics).
    ///
    /// The owner's add() is a relaxed load and store, not a locked
    /// read-modify-write: counting an event costs what a plain field would.
    /// A reader sees a value at most a moment old. Used as a counter (only
    /// added to) or a gauge (added to and taken from).
{
public:
    void add(std::int64_t delta)
        /// Owner thread only.
    {
        _value.store(_value.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);
    }

    std::int64_t value() const { return _value.load(std::memory_order_relaxed); }
        /// Any thread.

private:
    std::atomic<std::int64_t> _value{0};
};

} // namespace feedhub

#endif // feedhub_OwnedCounter_INCLUDED
