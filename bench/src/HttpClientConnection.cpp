#include "HttpClientConnection.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace feedhub::bench
{

namespace
{

// Shared by every connection of a thread's event loop (one loop per thread):
// each read is fully consumed by the parsers before the next one.
thread_local char gReadBuffer[64 * 1024];

} // namespace

HttpClientConnection::HttpClientConnection(EventLoop& loop, const HttpTarget& target)
    : _loop(loop), _target(target), _reader(*this)
{
}

HttpClientConnection::~HttpClientConnection()
{
    closeConnection();
}

bool HttpClientConnection::openConnection()
{
    closeConnection();
    _fd = ::socket(_target.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (_fd < 0)
        return false;
    // Requests are small and latency is what is measured.
    const int one = 1;
    setsockopt(_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ++_connectionSerial;
    _handshakeCompleted = false;
    _reader.reset();
    _output.clear();
    _outputOffset = 0;
    if (::connect(_fd, reinterpret_cast<const sockaddr*>(&_target.address), _target.addressLength) != 0 &&
        errno != EINPROGRESS)
    {
        const int savedErrno = errno;
        ::close(_fd);
        _fd = -1;
        errno = savedErrno;
        return false;
    }
    _connecting = true;
    _wantWrite = true;
    _loop.watch(_fd, EPOLLIN | EPOLLOUT, *this);
    return true;
}

void HttpClientConnection::closeConnection()
{
    if (_fd < 0)
        return;
    _loop.unwatch(_fd);
    ::close(_fd);
    _fd = -1;
    _connecting = false;
}

void HttpClientConnection::abortConnection()
{
    if (_fd < 0)
        return;
    const linger reset{1, 0};
    setsockopt(_fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
    closeConnection();
}

void HttpClientConnection::sendRequest(std::string request)
{
    // Bytes still unsent go first (a WebSocket's pong behind its subscribe).
    if (_outputOffset < _output.size())
        _output += request;
    else
    {
        _output = std::move(request);
        _outputOffset = 0;
    }
    if (!isOpen() || _connecting)
        return;
    // A hard write error is not reported from here, which would re-enter the
    // caller: the socket is then in error state and the loop reports it.
    flushOutput();
    updateInterest();
}

void HttpClientConnection::onIoEvent(uint32_t epollEvents)
{
    if (_connecting)
    {
        if (!(epollEvents & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        finishConnect();
        return;
    }
    if (epollEvents & EPOLLOUT)
    {
        if (!flushOutput())
        {
            fail("send", errno);
            return;
        }
        updateInterest();
    }
    if (epollEvents & (EPOLLIN | EPOLLERR | EPOLLHUP))
        readInput();
}

void HttpClientConnection::finishConnect()
{
    int error = 0;
    socklen_t length = sizeof(error);
    if (getsockopt(_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0)
    {
        fail("connect", error);
        return;
    }
    _connecting = false;
    _handshakeCompleted = true;
    const uint64_t serial = _connectionSerial;
    onConnected();
    if (serial != _connectionSerial || !isOpen())
        return;
    if (!flushOutput())
    {
        fail("send", errno);
        return;
    }
    updateInterest();
}

bool HttpClientConnection::flushOutput()
{
    while (_outputOffset < _output.size())
    {
        const ssize_t sent =
            ::send(_fd, _output.data() + _outputOffset, _output.size() - _outputOffset, MSG_NOSIGNAL);
        if (sent < 0)
        {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return true;
            if (errno == EINTR)
                continue;
            return false;
        }
        _outputOffset += static_cast<size_t>(sent);
    }
    _output.clear();
    _outputOffset = 0;
    return true;
}

void HttpClientConnection::updateInterest()
{
    const bool wantWrite = _outputOffset < _output.size();
    if (wantWrite == _wantWrite)
        return;
    _wantWrite = wantWrite;
    _loop.rewatch(_fd, EPOLLIN | (wantWrite ? EPOLLOUT : 0u), *this);
}

void HttpClientConnection::readInput()
{
    // One read per readiness event keeps the loop fair across connections;
    // level triggering brings us back for the rest.
    const ssize_t received = ::recv(_fd, gReadBuffer, sizeof(gReadBuffer), 0);
    if (received < 0)
    {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            fail("recv", errno);
        return;
    }
    if (received == 0)
    {
        const uint64_t serial = _connectionSerial;
        _reader.finishAtEndOfStream();
        // Unless completing a close-delimited response made the listener
        // close or replace the connection itself.
        if (serial == _connectionSerial && isOpen())
            fail("recv", 0);
        return;
    }
    const uint64_t serial = _connectionSerial;
    size_t offset = 0;
    while (offset < static_cast<size_t>(received))
    {
        size_t consumed = 0;
        if (!_reader.feed(gReadBuffer + offset, static_cast<size_t>(received) - offset, consumed))
        {
            closeConnection();
            onConnectionLost("malformed HTTP response");
            return;
        }
        offset += consumed;
        // The listener may have closed or reopened the connection when a
        // response completed; the rest of this read belongs to the old one.
        if (serial != _connectionSerial || !isOpen())
            return;
    }
}

void HttpClientConnection::fail(const char* operation, int error)
{
    closeConnection();
    onConnectionLost(std::string(operation) + ": " +
                     (error == 0 ? "connection closed by peer" : std::strerror(error)));
}

} // namespace feedhub::bench
