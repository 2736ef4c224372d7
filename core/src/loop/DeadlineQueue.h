//
// DeadlineQueue.h
//
// Definition of the DeadlineQueue class template.
//

#ifndef feedhub_DeadlineQueue_INCLUDED
#define feedhub_DeadlineQueue_INCLUDED

#include "Poco/Clock.h"
#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace feedhub
{

template <class Owner> class DeadlineQueue
    /// The deadlines of many owners (an event loop's connections), soonest
    /// first.
    ///
    /// A binary heap of (deadline, owner) pairs in one array; each owner keeps
    /// its place in it (an Entry, which Owner::deadlineEntry() returns). Every
    /// kept-alive request and every long poll sets, moves and clears a
    /// deadline, and a tree of nodes would allocate and free one each time:
    /// here that is O(log n) moves in the array and no allocation.
{
public:
    class Entry
        /// An owner's place in the queue; an owner has at most one deadline.
        /// Clear it before the owner goes away.
    {
    public:
        bool queued() const { return _position != NOT_QUEUED; }

    private:
        friend class DeadlineQueue;
        static constexpr std::size_t NOT_QUEUED = std::numeric_limits<std::size_t>::max();

        std::size_t _position = NOT_QUEUED;
    };

    void set(Owner& owner, Poco::Clock deadline)
        /// Queues owner for deadline, or moves it there if already queued.
    {
        Entry& entry = owner.deadlineEntry();
        if (!entry.queued())
        {
            entry._position = _heap.size();
            _heap.push_back(Slot{deadline, &owner});
        }
        _heap[entry._position].deadline = deadline;
        restore(entry._position);
    }

    void clear(Owner& owner)
        /// Takes owner out of the queue; does nothing if it is not queued.
    {
        Entry& entry = owner.deadlineEntry();
        if (!entry.queued())
            return;
        const std::size_t position = entry._position;
        entry._position = Entry::NOT_QUEUED;
        const Slot last = _heap.back();
        _heap.pop_back();
        if (position == _heap.size())
            return;
        place(last, position);
        restore(position);
    }

    std::optional<Poco::Clock> soonest() const
        /// The soonest deadline, if any owner is queued.
    {
        if (_heap.empty())
            return std::nullopt;
        return _heap.front().deadline;
    }

    Owner* popDue(Poco::Clock now)
        /// Takes out the owner with the soonest deadline and returns it if
        /// that deadline is not after now; nullptr otherwise.
    {
        if (_heap.empty() || now < _heap.front().deadline)
            return nullptr;
        Owner* due = _heap.front().owner;
        clear(*due);
        return due;
    }

    std::size_t size() const { return _heap.size(); }

private:
    struct Slot
        /// The deadline is kept here rather than in the owner, so that
        /// ordering reads one array rather than one owner per step.
    {
        Poco::Clock deadline;
        Owner* owner;
    };

    void place(const Slot& slot, std::size_t position)
    {
        _heap[position] = slot;
        slot.owner->deadlineEntry()._position = position;
    }

    void restore(std::size_t position)
        /// Moves the slot at position up or down to where the heap order
        /// holds again.
    {
        const Slot moving = _heap[position];
        while (position > 0)
        {
            const std::size_t parent = (position - 1) / 2;
            if (!(moving.deadline < _heap[parent].deadline))
                break;
            place(_heap[parent], position);
            position = parent;
        }
        for (;;)
        {
            std::size_t child = 2 * position + 1;
            if (child >= _heap.size())
                break;
            if (child + 1 < _heap.size() && _heap[child + 1].deadline < _heap[child].deadline)
                ++child;
            if (!(_heap[child].deadline < moving.deadline))
                break;
            place(_heap[child], position);
            position = child;
        }
        place(moving, position);
    }

    std::vector<Slot> _heap;
};

} // namespace feedhub

#endif // feedhub_DeadlineQueue_INCLUDED
