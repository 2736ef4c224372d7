//
// ConnectionLimit.h
//
// Definition of the ConnectionLimit class.
//

#ifndef feedhub_ConnectionLimit_INCLUDED
#define feedhub_ConnectionLimit_INCLUDED

#include <atomic>
#include <cstddef>

namespace feedhub
{

class ConnectionLimit
    /// Counts the connections parked on the event loops against a maximum.
{
public:
    class Slot
        /// One counted connection; gives its place back when destroyed.
    {
    public:
        Slot() = default;
        explicit Slot(ConnectionLimit* limit) : _limit(limit) {}
        Slot(Slot&& other) noexcept : _limit(other._limit) { other._limit = nullptr; }
        Slot& operator=(Slot&& other) noexcept;
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        ~Slot();

        explicit operator bool() const { return _limit != nullptr; }

    private:
        ConnectionLimit* _limit = nullptr;
    };

    explicit ConnectionLimit(std::size_t maximum) : _maximum(maximum) {}

    Slot acquire();
        /// An empty slot if the maximum is reached.

    std::size_t count() const { return _count.load(std::memory_order_relaxed); }
    std::size_t maximum() const { return _maximum; }

private:
    std::size_t _maximum;
    std::atomic<std::size_t> _count{0};
};

} // namespace feedhub

#endif // feedhub_ConnectionLimit_INCLUDED
