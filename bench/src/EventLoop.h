#pragma once

#include <cstdint>
#include <vector>

#include <sys/epoll.h>

namespace feedhub::bench
{

class IoHandler
{
public:
    virtual void onIoEvent(uint32_t epollEvents) = 0;

protected:
    ~IoHandler() = default;
};

// Thin level-triggered epoll wrapper: every subscriber socket of a shard (the
// whole run unless --threads is above 1) is served by one loop on one thread.
class EventLoop
{
public:
    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    void watch(int fd, uint32_t epollEvents, IoHandler& handler);
    void rewatch(int fd, uint32_t epollEvents, IoHandler& handler);
    void unwatch(int fd);

    // Waits up to timeoutMillis and dispatches whatever became ready.
    void runOnce(int timeoutMillis);

private:
    void control(int operation, int fd, uint32_t epollEvents, IoHandler& handler);

    int _epollFd;
    std::vector<epoll_event> _ready;
};

} // namespace feedhub::bench
