//
// Acceptor.h
//
// Definition of the Acceptor class.
//

#ifndef feedhub_Acceptor_INCLUDED
#define feedhub_Acceptor_INCLUDED

#include "Poco/Logger.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Net/StreamSocket.h"
#include <functional>
#include <mutex>

namespace feedhub
{

class EventLoop;

class Acceptor
    /// Accepts connections on the hub's listening socket, from whichever
    /// event loop epoll wakes; the connection then stays on that loop.
    ///
    /// When the process runs out of file descriptors, accept() would fail
    /// and leave the client waiting in the backlog: one descriptor is kept
    /// in reserve for that case, freed to accept the client, answer it 503
    /// and close it, then taken again.
{
public:
    using Handler = std::function<void(EventLoop& loop, Poco::Net::StreamSocket socket,
                                       const Poco::Net::SocketAddress& client)>;
        /// Takes a new connection on loop's thread.

    Acceptor(Poco::Net::ServerSocket socket, Handler handler, std::string refusal);
        /// refusal is the whole HTTP answer sent when no descriptor is left.
    ~Acceptor();

    Acceptor(const Acceptor&) = delete;
    Acceptor& operator=(const Acceptor&) = delete;

    int fd() const { return _socket.impl()->sockfd(); }
    Poco::UInt16 port() const { return _socket.address().port(); }

    void acceptReady(EventLoop& loop);
        /// Accepts what the backlog holds, up to a batch. Loop threads.

private:
    void refuseWithReserve();

    Poco::Net::ServerSocket _socket;
    Handler _handler;
    std::string _refusal;
    Poco::Logger& _logger;
    std::mutex _reserveMutex;
    int _reserve;
};

} // namespace feedhub

#endif // feedhub_Acceptor_INCLUDED
