//
// ManySubscribersTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/Exception.h"
#include "TestDaemon.h"
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cppunit/extensions/HelperMacros.h>
#include <cstring>
#include <iostream>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace
{

class SubscriberCrowd
    /// Many SSE subscribers on plain non-blocking sockets, driven by one epoll
    /// loop in the test thread: no thread per client on this side either.
{
public:
    SubscriberCrowd(Poco::UInt16 port, std::string path) : _epoll(::epoll_create1(EPOLL_CLOEXEC)), _path(path)
    {
        _address.sin_family = AF_INET;
        _address.sin_port = htons(port);
        _address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    }

    ~SubscriberCrowd()
    {
        for (const Client& client : _clients)
            ::close(client.fd);
        ::close(_epoll);
    }

    void grow(std::size_t count)
        /// Opens count more subscribers and waits until each has its response head.
    {
        const std::size_t first = _clients.size();
        for (std::size_t i = 0; i < count; ++i)
            open();
        pump([&] { return headsFrom(first) == _clients.size() - first; });
    }

    std::size_t waitForData(const std::string& needle)
        /// Reads until every subscriber has received needle (or time runs
        /// out); returns how many have.
    {
        std::size_t have = 0;
        pump([&] {
            have = 0;
            for (const Client& client : _clients)
                have += client.received.find(needle) != std::string::npos ? 1 : 0;
            return have == _clients.size();
        });
        return have;
    }

    std::size_t okCount() const
    {
        std::size_t ok = 0;
        for (const Client& client : _clients)
            ok += client.received.rfind("HTTP/1.1 200", 0) == 0 ? 1 : 0;
        return ok;
    }

    std::size_t size() const { return _clients.size(); }

private:
    struct Client
    {
        int fd = -1;
        bool sent = false;
        bool closed = false;
        std::string received;
    };

    void open()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            throw Poco::SystemException("socket() failed: " + std::string(std::strerror(errno)));
        const int result = ::connect(fd, reinterpret_cast<const sockaddr*>(&_address), sizeof _address);
        if (result < 0 && errno != EINPROGRESS)
            throw Poco::SystemException("connect() failed: " + std::string(std::strerror(errno)));
        _clients.emplace_back();
        _clients.back().fd = fd;
        epoll_event interest{};
        interest.events = EPOLLIN | EPOLLOUT;
        interest.data.u64 = _clients.size() - 1;
        ::epoll_ctl(_epoll, EPOLL_CTL_ADD, fd, &interest);
    }

    std::size_t headsFrom(std::size_t first) const
    {
        std::size_t heads = 0;
        for (std::size_t i = first; i < _clients.size(); ++i)
            heads += _clients[i].received.find("\r\n\r\n") != std::string::npos ? 1 : 0;
        return heads;
    }

    template <typename Done> void pump(Done done)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        epoll_event ready[256];
        while (!done() && std::chrono::steady_clock::now() < deadline)
        {
            const int count = ::epoll_wait(_epoll, ready, 256, 100);
            for (int i = 0; i < count; ++i)
                service(_clients[ready[i].data.u64], ready[i].events);
        }
    }

    void service(Client& client, std::uint32_t events)
    {
        if (client.closed)
            return;
        if ((events & EPOLLOUT) && !client.sent)
        {
            const std::string request =
                "GET " + _path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
            if (::send(client.fd, request.data(), request.size(), MSG_NOSIGNAL) < 0)
            {
                client.closed = true;
                return;
            }
            client.sent = true;
            epoll_event interest{};
            interest.events = EPOLLIN;
            interest.data.u64 = static_cast<std::uint64_t>(&client - _clients.data());
            ::epoll_ctl(_epoll, EPOLL_CTL_MOD, client.fd, &interest);
        }
        if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        {
            char buffer[4096];
            ssize_t got;
            while ((got = ::recv(client.fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
                client.received.append(buffer, static_cast<std::size_t>(got));
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
            {
                client.closed = true;
                ::epoll_ctl(_epoll, EPOLL_CTL_DEL, client.fd, nullptr);
            }
        }
    }

    int _epoll;
    std::string _path;
    sockaddr_in _address{};
    std::vector<Client> _clients;
};

void raiseFileLimit()
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
}

} // namespace

class ManySubscribersTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ManySubscribersTest);
    CPPUNIT_TEST(testTwoThousandSubscribersWithoutMoreThreads);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTwoThousandSubscribersWithoutMoreThreads()
    {
        constexpr std::size_t SUBSCRIBERS = 2000;
        constexpr std::size_t BATCH = 200;
        constexpr int HTTP_THREADS = 4;
        // Before the daemon starts, so that it inherits the limit too.
        raiseFileLimit();
        TestDaemon hub(
            {{"server.worker_threads", std::to_string(HTTP_THREADS)}, {"sse.heartbeat_seconds", "0"}});
        SubscriberCrowd crowd(hub.port(), "/events?topic=crowd");

        crowd.grow(10);
        CPPUNIT_ASSERT_EQUAL(std::size_t(10), crowd.okCount());
        const int threadsAtTen = hub.threadCount();

        // In batches, as clients really arrive; the HTTP accept queue is bounded.
        while (crowd.size() < SUBSCRIBERS)
            crowd.grow(std::min(BATCH, SUBSCRIBERS - crowd.size()));
        CPPUNIT_ASSERT_EQUAL(SUBSCRIBERS, crowd.okCount());
        const int threadsAtTwoThousand = hub.threadCount();
        CPPUNIT_ASSERT_EQUAL(static_cast<int>(SUBSCRIBERS), HubStatus::subscribers(hub.port(), "crowd"));

        HttpCall::publish(hub.port(), "crowd", "to-all-2000");
        CPPUNIT_ASSERT_EQUAL(SUBSCRIBERS, crowd.waitForData("data: to-all-2000\n\n"));
        HttpCall::publish(hub.port(), "crowd", "and-again");
        CPPUNIT_ASSERT_EQUAL(SUBSCRIBERS, crowd.waitForData("data: and-again\n\n"));

        // Subscribers cost no thread: at most the HTTP pool, which is bounded
        // by server.worker_threads, may have filled up meanwhile.
        std::cout << "\n  daemon threads: " << threadsAtTen << " at 10 subscribers, " << threadsAtTwoThousand
                  << " at 2000; RSS " << hub.rssKilobytes() << " kB\n";
        CPPUNIT_ASSERT(threadsAtTen > 0);
        CPPUNIT_ASSERT(threadsAtTwoThousand - threadsAtTen <= HTTP_THREADS);
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ManySubscribersTest);
