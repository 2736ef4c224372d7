//
// Outbox.h
//
// Definition of the Outbox class.
//

#ifndef feedhub_Outbox_INCLUDED
#define feedhub_Outbox_INCLUDED

#include "metrics/OwnedCounter.h"
#include <memory>
#include <string>
#include <vector>

namespace feedhub
{

class Outbox
    /// Bytes owed to one non-blocking socket, as shared chunks.
    ///
    /// A chunk is usually an event's frame shared by every subscriber, so
    /// queueing it costs a pointer, not a copy. Empty, an outbox holds no heap
    /// memory, which keeps idle subscribers small.
{
public:
    using Chunk = std::shared_ptr<const std::string>;

    struct Meter
        /// Where an outbox counts for /metrics; its loop thread owns it.
    {
        OwnedCounter sent;
            /// Bytes written to sockets.
        OwnedCounter queued;
            /// Bytes owed to sockets now.
    };

    Outbox() = default;
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;
    ~Outbox();
        /// What is still owed leaves the meter's queued bytes.

    void setMeter(Meter* meter);
        /// Counts in meter from now on (null: nowhere), moving the bytes owed
        /// from the previous one.

    enum class Flush
    {
        DONE,    /// everything was written
        BLOCKED, /// the socket is full; wait until it is writable
        FAILED   /// the peer is gone
    };

    void push(Chunk chunk);
    void push(std::string bytes);

    Flush flushTo(int fd);
        /// Writes as much as the socket takes, several chunks per system call.

    bool empty() const { return _head == _chunks.size(); }
    std::size_t pendingBytes() const { return _pendingBytes; }

private:
    void consume(std::size_t written);

    std::vector<Chunk> _chunks;
    std::size_t _head = 0;
    std::size_t _offset = 0;
    std::size_t _pendingBytes = 0;
    Meter* _meter = nullptr;
};

} // namespace feedhub

#endif // feedhub_Outbox_INCLUDED
