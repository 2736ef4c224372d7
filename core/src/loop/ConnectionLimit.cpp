//
// ConnectionLimit.cpp
//

#include "loop/ConnectionLimit.h"

namespace feedhub
{

ConnectionLimit::Slot& ConnectionLimit::Slot::operator=(Slot&& other) noexcept
{
    if (this != &other)
    {
        if (_limit)
            _limit->_count.fetch_sub(1, std::memory_order_relaxed);
        _limit = other._limit;
        other._limit = nullptr;
    }
    return *this;
}

ConnectionLimit::Slot::~Slot()
{
    if (_limit)
        _limit->_count.fetch_sub(1, std::memory_order_relaxed);
}

ConnectionLimit::Slot ConnectionLimit::acquire()
{
    std::size_t current = _count.load(std::memory_order_relaxed);
    do
    {
        if (current >= _maximum)
            return Slot();
    } while (!_count.compare_exchange_weak(current, current + 1, std::memory_order_relaxed));
    return Slot(this);
}

} // namespace feedhub
