//
// Outbox.cpp
//

#include "loop/Outbox.h"
#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace feedhub
{

namespace
{

// Enough iovecs to drain a burst in one call without a large stack frame.
constexpr std::size_t MAX_IOVECS = 64;

// An idle outbox gives its buffer back once a burst has made it this large.
constexpr std::size_t KEPT_CAPACITY = 8;

} // namespace

Outbox::~Outbox()
{
    setMeter(nullptr);
}

void Outbox::setMeter(Meter* meter)
{
    const auto owed = static_cast<std::int64_t>(_pendingBytes);
    if (_meter)
        _meter->queued.add(-owed);
    _meter = meter;
    if (_meter)
        _meter->queued.add(owed);
}

void Outbox::push(Chunk chunk)
{
    if (chunk->empty())
        return;
    _pendingBytes += chunk->size();
    if (_meter)
        _meter->queued.add(static_cast<std::int64_t>(chunk->size()));
    _chunks.push_back(std::move(chunk));
}

void Outbox::push(std::string bytes)
{
    push(std::make_shared<const std::string>(std::move(bytes)));
}

Outbox::Flush Outbox::flushTo(int fd)
{
    while (!empty())
    {
        iovec iov[MAX_IOVECS];
        std::size_t count = 0;
        for (std::size_t i = _head; i < _chunks.size() && count < MAX_IOVECS; ++i, ++count)
        {
            const std::size_t skip = i == _head ? _offset : 0;
            iov[count].iov_base = const_cast<char*>(_chunks[i]->data() + skip);
            iov[count].iov_len = _chunks[i]->size() - skip;
        }
        msghdr message{};
        message.msg_iov = iov;
        message.msg_iovlen = count;
        // sendmsg rather than writev: MSG_NOSIGNAL turns a closed peer into
        // EPIPE instead of a process-killing SIGPIPE.
        const ssize_t written = ::sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (written < 0)
        {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return Flush::BLOCKED;
            return Flush::FAILED;
        }
        consume(static_cast<std::size_t>(written));
    }
    return Flush::DONE;
}

void Outbox::consume(std::size_t written)
{
    _pendingBytes -= written;
    if (_meter)
    {
        _meter->sent.add(static_cast<std::int64_t>(written));
        _meter->queued.add(-static_cast<std::int64_t>(written));
    }
    while (written > 0)
    {
        const std::size_t left = _chunks[_head]->size() - _offset;
        if (written < left)
        {
            _offset += written;
            return;
        }
        written -= left;
        _chunks[_head++].reset();
        _offset = 0;
    }
    if (empty())
    {
        _chunks.clear();
        _head = 0;
        if (_chunks.capacity() > KEPT_CAPACITY)
            _chunks.shrink_to_fit();
    }
}

} // namespace feedhub
