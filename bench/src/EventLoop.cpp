#include "EventLoop.h"

#include <cerrno>

#include <unistd.h>

#include <Poco/Exception.h>

namespace feedhub::bench
{

namespace
{

// Large enough that one wake-up drains a burst of fan-out to thousands of
// subscribers without many epoll_wait round trips.
constexpr int kMaxEventsPerWait = 1024;

} // namespace

EventLoop::EventLoop() : _epollFd(epoll_create1(EPOLL_CLOEXEC)), _ready(kMaxEventsPerWait)
{
    if (_epollFd < 0)
        throw Poco::SystemException("epoll_create1", errno);
}

EventLoop::~EventLoop()
{
    ::close(_epollFd);
}

void EventLoop::watch(int fd, uint32_t epollEvents, IoHandler& handler)
{
    control(EPOLL_CTL_ADD, fd, epollEvents, handler);
}

void EventLoop::rewatch(int fd, uint32_t epollEvents, IoHandler& handler)
{
    control(EPOLL_CTL_MOD, fd, epollEvents, handler);
}

void EventLoop::control(int operation, int fd, uint32_t epollEvents, IoHandler& handler)
{
    epoll_event event{};
    event.events = epollEvents;
    event.data.ptr = &handler;
    if (epoll_ctl(_epollFd, operation, fd, &event) != 0)
        throw Poco::SystemException(operation == EPOLL_CTL_ADD ? "epoll_ctl(ADD)" : "epoll_ctl(MOD)", errno);
}

void EventLoop::unwatch(int fd)
{
    epoll_ctl(_epollFd, EPOLL_CTL_DEL, fd, nullptr);
}

void EventLoop::runOnce(int timeoutMillis)
{
    const int count = epoll_wait(_epollFd, _ready.data(), static_cast<int>(_ready.size()), timeoutMillis);
    if (count < 0)
    {
        if (errno == EINTR)
            return;
        throw Poco::SystemException("epoll_wait", errno);
    }
    for (int i = 0; i < count; ++i)
        static_cast<IoHandler*>(_ready[i].data.ptr)->onIoEvent(_ready[i].events);
}

} // namespace feedhub::bench
