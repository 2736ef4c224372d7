//
// WriteQueue.h
//
// Definition of the WriteQueue class.
//

#ifndef feedhub_WriteQueue_INCLUDED
#define feedhub_WriteQueue_INCLUDED

#include <cstddef>
#include <cstdint>
#include <vector>

namespace feedhub
{

class LoopConnection;

class WriteQueue
    /// The connections of an event loop whose outboxes are owed a write, in
    /// the order they became so.
    ///
    /// The loop writes a bounded slice of it per round, so that a fan-out to
    /// many subscribers makes way for the loop's other work between slices.
    /// What arrives meanwhile (the next publish, say) adds to the outboxes not
    /// yet written, and those then take several events in one system call.
    /// Positions count every connection ever queued, so a caller can tell
    /// when everything queued before a given moment has been taken.
{
public:
    bool empty() const { return _head == _entries.size(); }
    std::size_t size() const { return _entries.size() - _head; }

    void push(LoopConnection& connection);
        /// Queues connection at the back; the caller queues it only once.

    LoopConnection* pop();
        /// Takes the connection at the front, or returns null when empty.

    void removeClosed();
        /// Drops the connections that were closed while queued, before they
        /// are destroyed.

    std::uint64_t pushed() const { return _pushed; }
        /// How many connections were ever queued.
    std::uint64_t popped() const { return _pushed - size(); }
        /// How many of those were taken (or dropped as closed).

private:
    std::vector<LoopConnection*> _entries;
    std::size_t _head = 0;
    std::uint64_t _pushed = 0;
};

} // namespace feedhub

#endif // feedhub_WriteQueue_INCLUDED
