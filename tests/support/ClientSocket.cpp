//
// ClientSocket.cpp
//

#include "ClientSocket.h"
#include "Poco/Net/NetException.h"
#include "Poco/Timestamp.h"

bool ClientSocket::fill(int timeoutMs)
{
    if (_eof)
        return false;
    if (!_socket.poll(Poco::Timespan(timeoutMs / 1000, (timeoutMs % 1000) * 1000),
                      Poco::Net::Socket::SELECT_READ))
        return false;
    char chunk[16384];
    int got = 0;
    try
    {
        got = _socket.receiveBytes(chunk, sizeof chunk);
    }
    catch (const Poco::Net::NetException&)
    {
        got = 0;
    }
    if (got <= 0)
    {
        _eof = true;
        return false;
    }
    _buffer.append(chunk, static_cast<std::size_t>(got));
    return true;
}

bool ClientSocket::waitForClose(int timeoutMs)
{
    const Poco::Timestamp start;
    while (!_eof && start.elapsed() / 1000 < timeoutMs)
    {
        fill(100);
        _buffer.clear();
    }
    return _eof;
}
