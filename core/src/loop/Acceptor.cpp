//
// Acceptor.cpp
//

#include "loop/Acceptor.h"
#include "Poco/Error.h"
#include "Poco/Net/StreamSocketImpl.h"
#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace feedhub
{

namespace
{

// Connections taken per wake-up, so that one loop does not take a whole
// storm while the others have nothing.
constexpr int ACCEPT_BATCH = 64;

} // namespace

Acceptor::Acceptor(Poco::Net::ServerSocket socket, Handler handler, std::string refusal)
    : _socket(std::move(socket)), _handler(std::move(handler)), _refusal(std::move(refusal)),
      _logger(Poco::Logger::get("feedhub.http")), _reserve(::open("/dev/null", O_RDONLY | O_CLOEXEC))
{
    _socket.setBlocking(false);
}

Acceptor::~Acceptor()
{
    if (_reserve >= 0)
        ::close(_reserve);
}

void Acceptor::acceptReady(EventLoop& loop)
{
    for (int i = 0; i < ACCEPT_BATCH; ++i)
    {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int fd = ::accept4(this->fd(), reinterpret_cast<sockaddr*>(&address), &length,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
        {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE)
                refuseWithReserve();
            else if (errno != EAGAIN && errno != EWOULDBLOCK)
                _logger.error("accept failed: %s", std::string(Poco::Error::getMessage(errno)));
            return;
        }
        Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
        _handler(loop, std::move(socket),
                 Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&address), length));
    }
}

void Acceptor::refuseWithReserve()
{
    std::lock_guard<std::mutex> lock(_reserveMutex);
    if (_reserve < 0)
        return;
    ::close(_reserve);
    const int fd = ::accept4(this->fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0)
    {
        [[maybe_unused]] ssize_t ignored = ::send(fd, _refusal.data(), _refusal.size(), MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
        ::close(fd);
    }
    _reserve = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    _logger.warning("out of file descriptors: refused a connection with 503 (raise the open-files limit "
                    "or lower [server] max_connections)");
}

} // namespace feedhub
