//
// WriteQueue.cpp
//

#include "loop/WriteQueue.h"
#include "loop/LoopConnection.h"
#include <algorithm>

namespace feedhub
{

namespace
{

// Taken entries are dropped from the front once they are this many and at
// least half the array, so a queue that never drains stays bounded.
constexpr std::size_t COMPACT_AFTER = 4096;

} // namespace

void WriteQueue::push(LoopConnection& connection)
{
    _entries.push_back(&connection);
    ++_pushed;
}

LoopConnection* WriteQueue::pop()
{
    if (empty())
        return nullptr;
    LoopConnection* next = _entries[_head++];
    if (empty())
    {
        _entries.clear();
        _head = 0;
    }
    else if (_head >= COMPACT_AFTER && _head * 2 >= _entries.size())
    {
        _entries.erase(_entries.begin(), _entries.begin() + static_cast<std::ptrdiff_t>(_head));
        _head = 0;
    }
    return next;
}

void WriteQueue::removeClosed()
{
    const auto first = _entries.begin() + static_cast<std::ptrdiff_t>(_head);
    _entries.erase(std::remove_if(first, _entries.end(), [](const LoopConnection* c) { return c->closed(); }),
                   _entries.end());
    if (empty())
    {
        _entries.clear();
        _head = 0;
    }
}

} // namespace feedhub
