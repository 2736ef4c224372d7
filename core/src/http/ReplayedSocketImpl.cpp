//
// ReplayedSocketImpl.cpp
//

#include "http/ReplayedSocketImpl.h"
#include <algorithm>
#include <cstring>
#include <sys/socket.h>

namespace feedhub
{

ReplayedSocketImpl::ReplayedSocketImpl(poco_socket_t socket, std::string received)
    : Poco::Net::StreamSocketImpl(socket), _received(std::move(received))
{
}

int ReplayedSocketImpl::receiveBytes(void* buffer, int length, int flags)
{
    if (left() == 0 || length <= 0)
        return StreamSocketImpl::receiveBytes(buffer, length, flags);
    const std::size_t count = std::min(left(), static_cast<std::size_t>(length));
    std::memcpy(buffer, _received.data() + _offset, count);
    if ((flags & MSG_PEEK) == 0)
        _offset += count;
    return static_cast<int>(count);
}

int ReplayedSocketImpl::available()
{
    return static_cast<int>(left()) + StreamSocketImpl::available();
}

bool ReplayedSocketImpl::poll(const Poco::Timespan& timeout, int mode)
{
    if ((mode & SELECT_READ) != 0 && left() > 0)
        return true;
    return StreamSocketImpl::poll(timeout, mode);
}

std::string ReplayedSocketImpl::takeRest()
{
    std::string rest = _received.substr(_offset);
    _received.clear();
    _offset = 0;
    return rest;
}

} // namespace feedhub
