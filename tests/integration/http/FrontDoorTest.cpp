//
// FrontDoorTest.cpp
//
// How the hub takes connections as clients really behave: all at once, one
// byte at a time, past its limits.
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/NumberParser.h"
#include "Poco/StringTokenizer.h"
#include "Poco/Thread.h"
#include "Poco/Timestamp.h"
#include "RawExchange.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <arpa/inet.h>
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <sstream>
#include <netinet/in.h>
#include <poll.h>
#include <set>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace
{

class RawClients
    /// Many plain non-blocking client sockets, connected all at once, and
    /// what each has received.
{
public:
    RawClients(Poco::UInt16 port, std::size_t count)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        for (std::size_t i = 0; i < count; ++i)
        {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0)
                throw std::runtime_error("cannot open a client socket");
            ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
            _clients.push_back(Client{fd, std::string(), false});
        }
    }

    ~RawClients()
    {
        for (const Client& client : _clients)
            ::close(client.fd);
    }

    void sendToAll(const std::string& bytes)
    {
        // Non-blocking connects: each socket writes once it is connected.
        std::vector<bool> sent(_clients.size(), false);
        std::size_t left = _clients.size();
        const Poco::Timestamp start;
        while (left > 0 && start.elapsed() < 30 * Poco::Timestamp::resolution())
        {
            for (std::size_t i = 0; i < _clients.size(); ++i)
            {
                if (sent[i])
                    continue;
                const ssize_t wrote = ::send(_clients[i].fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
                if (wrote == static_cast<ssize_t>(bytes.size()))
                {
                    sent[i] = true;
                    --left;
                }
                else if (wrote < 0 && errno != EAGAIN && errno != ENOTCONN && errno != EINPROGRESS)
                {
                    sent[i] = true;
                    --left;
                    _clients[i].closed = true;
                }
            }
            if (left > 0)
                Poco::Thread::sleep(5);
        }
    }

    void sendByte(std::size_t client, char byte)
    {
        ::send(_clients[client].fd, &byte, 1, MSG_NOSIGNAL);
    }

    bool receiveUntil(const std::function<bool(const std::string&)>& done, int timeoutMs)
        /// Reads every socket until done() holds for what each received (or
        /// it closed); false on timeout.
    {
        const Poco::Timestamp start;
        while (true)
        {
            std::vector<pollfd> waiting;
            std::vector<std::size_t> index;
            for (std::size_t i = 0; i < _clients.size(); ++i)
            {
                if (!_clients[i].closed && !done(_clients[i].received))
                {
                    waiting.push_back(pollfd{_clients[i].fd, POLLIN, 0});
                    index.push_back(i);
                }
            }
            if (waiting.empty())
                return true;
            if (start.elapsed() / 1000 > timeoutMs)
                return false;
            if (::poll(waiting.data(), waiting.size(), 100) <= 0)
                continue;
            for (std::size_t k = 0; k < waiting.size(); ++k)
            {
                if (!(waiting[k].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                Client& client = _clients[index[k]];
                char buffer[4096];
                const ssize_t got = ::recv(client.fd, buffer, sizeof buffer, 0);
                if (got > 0)
                    client.received.append(buffer, static_cast<std::size_t>(got));
                else if (got == 0 || (errno != EAGAIN && errno != EINTR))
                    client.closed = true;
            }
        }
    }

    std::size_t count(const std::function<bool(const std::string&)>& matches) const
    {
        std::size_t n = 0;
        for (const Client& client : _clients)
            n += matches(client.received) ? 1 : 0;
        return n;
    }

    const std::string& received(std::size_t client) const { return _clients[client].received; }
    bool closed(std::size_t client) const { return _clients[client].closed; }

private:
    struct Client
    {
        int fd;
        std::string received;
        bool closed;
    };

    std::vector<Client> _clients;
};

void raiseOwnFileLimit()
{
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
}

std::set<std::string> headerNames(const Poco::Net::HTTPResponse& response)
{
    std::set<std::string> names;
    for (const auto& header : response)
        names.insert(header.first);
    return names;
}

std::string limitLine(int pid)
{
    std::ifstream limits("/proc/" + std::to_string(pid) + "/limits");
    std::string line;
    while (std::getline(limits, line))
    {
        if (line.rfind("Max open files", 0) == 0)
            return line;
    }
    return std::string();
}

} // namespace

class FrontDoorTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FrontDoorTest);
    CPPUNIT_TEST(testSubscribersConnectingAllAtOnce);
    CPPUNIT_TEST(testTricklingClientsDelayNobodyAndTimeOut);
    CPPUNIT_TEST(testConnectionsPastTheLimitAreAnswered);
    CPPUNIT_TEST(testSubscribersPastTheLimitAreAnswered);
    CPPUNIT_TEST(testHugeHeaderIsRefused);
    CPPUNIT_TEST(testEveryAnswerCarriesTheSameHeaders);
    CPPUNIT_TEST(testSoftFileLimitIsRaised);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { raiseOwnFileLimit(); }

    void testSubscribersConnectingAllAtOnce()
    {
        constexpr std::size_t COUNT = 2000;
        TestDaemon hub(TestDaemon::Settings{{"sse.heartbeat_seconds", "0"}});
        RawClients clients(hub.port(), COUNT);
        clients.sendToAll("GET /events?topic=storm HTTP/1.1\r\nHost: x\r\n\r\n");
        auto streaming = [](const std::string& got) { return got.find("retry:") != std::string::npos; };
        CPPUNIT_ASSERT(clients.receiveUntil(streaming, 60000));
        CPPUNIT_ASSERT_EQUAL(COUNT, clients.count([](const std::string& got) {
            return got.rfind("HTTP/1.1 200 OK\r\n", 0) == 0;
        }));
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "storm") == int(COUNT); },
                                          30000));
        const std::string id = HttpCall::publish(hub.port(), "storm", "to everyone");
        auto gotEvent = [&](const std::string& got) { return got.find("id: " + id) != std::string::npos; };
        CPPUNIT_ASSERT(clients.receiveUntil(gotEvent, 60000));
        CPPUNIT_ASSERT_EQUAL(COUNT, clients.count(gotEvent));
    }

    void testTricklingClientsDelayNobodyAndTimeOut()
    {
        constexpr std::size_t COUNT = 300;
        TestDaemon hub(TestDaemon::Settings{{"server.request_timeout_seconds", "4"}});
        RawClients trickling(hub.port(), COUNT);
        const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        const Poco::Timestamp started;
        for (std::size_t second = 0; started.elapsed() < 3 * Poco::Timestamp::resolution(); ++second)
        {
            for (std::size_t i = 0; i < COUNT; ++i)
                trickling.sendByte(i, head[second]);
            // Everyone else is served at once meanwhile.
            const Poco::Timestamp asked;
            CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
            SseClient subscriber(hub.port(), "/events?topic=busy");
            const std::string id = HttpCall::publish(hub.port(), "busy", "still served");
            CPPUNIT_ASSERT_EQUAL(id, subscriber.expect().id);
            CPPUNIT_ASSERT_MESSAGE("the hub kept others waiting", asked.elapsed() < Poco::Timestamp::resolution());
            Poco::Thread::sleep(1000);
        }
        auto answered = [](const std::string& got) { return got.find("\r\n\r\n") != std::string::npos; };
        CPPUNIT_ASSERT(trickling.receiveUntil(answered, 15000));
        CPPUNIT_ASSERT_EQUAL(COUNT, trickling.count([](const std::string& got) {
            return got.rfind("HTTP/1.1 408 ", 0) == 0 &&
                   got.find("{\"error\":\"the request did not arrive within 4 seconds\"}") != std::string::npos;
        }));
    }

    void testConnectionsPastTheLimitAreAnswered()
    {
        TestDaemon hub(TestDaemon::Settings{{"server.max_connections", "20"}, {"sse.max_subscribers", "20"}});
        std::vector<std::unique_ptr<SseClient>> holding;
        for (int i = 0; i < 20; ++i)
            holding.push_back(std::make_unique<SseClient>(hub.port(), "/events?topic=full"));
        const std::string answer = RawExchange::send(hub.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 503 Service Unavailable"), RawExchange::statusLine(answer));
        CPPUNIT_ASSERT(answer.find("\r\nRetry-After: 1\r\n") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"error\":\"the hub serves its maximum of 20 connections\"}"),
                             RawExchange::body(answer));
        holding.pop_back();
        CPPUNIT_ASSERT(HubStatus::waitFor([&] {
            return RawExchange::statusLine(RawExchange::send(hub.port(), "GET /healthz HTTP/1.1\r\n\r\n")) ==
                   "HTTP/1.1 200 OK";
        }));
    }

    void testSubscribersPastTheLimitAreAnswered()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.max_subscribers", "3"}});
        std::vector<std::unique_ptr<SseClient>> holding;
        for (int i = 0; i < 3; ++i)
            holding.push_back(std::make_unique<SseClient>(hub.port(), "/events?topic=full"));
        for (const char* target : {"/events?topic=full", "/poll?topic=full&timeout=5"})
        {
            const HttpCall::Result refused = HttpCall::get(hub.port(), target);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(target, 503, refused.status);
            CPPUNIT_ASSERT_EQUAL(std::string("1"), refused.response.get("Retry-After"));
            CPPUNIT_ASSERT_EQUAL(std::string("the hub serves its maximum of 3 subscribers"),
                                 refused.jsonString("error"));
        }
        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/publish?topic=full", "publishing still works").status);
    }

    void testHugeHeaderIsRefused()
    {
        TestDaemon hub;
        const std::string answer = RawExchange::send(
            hub.port(), "GET /healthz HTTP/1.1\r\nX-Huge: " + std::string(80 * 1024, 'h') + "\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 431 Request Header Fields Too Large"),
                             RawExchange::statusLine(answer));
        CPPUNIT_ASSERT(RawExchange::body(answer).find("the request head is larger than the limit of 32768 bytes") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
    }

    void testEveryAnswerCarriesTheSameHeaders()
    {
        TestDaemon hub;
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", hub.port()));
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
        const std::string publish = "POST /publish?topic=same HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi";
        std::vector<std::set<std::string>> heads;
        std::string pending;
        for (int i = 0; i < 2; ++i)
        {
            socket.sendBytes(publish.data(), static_cast<int>(publish.size()));
            while (pending.find("\r\n\r\n") == std::string::npos || pending.size() < pending.find("\r\n\r\n") + 4)
            {
                char buffer[4096];
                const int got = socket.receiveBytes(buffer, sizeof buffer);
                CPPUNIT_ASSERT(got > 0);
                pending.append(buffer, static_cast<std::size_t>(got));
            }
            const std::size_t end = pending.find("\r\n\r\n") + 4;
            std::istringstream in(pending.substr(0, end));
            Poco::Net::HTTPResponse response;
            response.read(in);
            CPPUNIT_ASSERT_EQUAL(Poco::Net::HTTPResponse::HTTP_CREATED, response.getStatus());
            const std::size_t length = static_cast<std::size_t>(response.getContentLength64());
            while (pending.size() < end + length)
            {
                char buffer[4096];
                const int got = socket.receiveBytes(buffer, sizeof buffer);
                CPPUNIT_ASSERT(got > 0);
                pending.append(buffer, static_cast<std::size_t>(got));
            }
            pending.erase(0, end + length);
            heads.push_back(headerNames(response));
        }
        CPPUNIT_ASSERT(heads[0] == heads[1]);
        // No Access-Control-Allow-Origin: a publish without an Origin is answered without one.
        for (const char* name : {"Date", "Server", "Cache-Control", "Connection", "Content-Length", "Content-Type"})
            CPPUNIT_ASSERT_MESSAGE(name, heads[0].count(name) == 1);
    }

    void testSoftFileLimitIsRaised()
    {
        rlimit own{};
        ::getrlimit(RLIMIT_NOFILE, &own);
        if (own.rlim_max <= 1024)
            return;
        rlimit lowered = own;
        lowered.rlim_cur = 1024;
        ::setrlimit(RLIMIT_NOFILE, &lowered);
        TestDaemon hub;
        ::setrlimit(RLIMIT_NOFILE, &own);
        Poco::StringTokenizer fields(limitLine(hub.pid()), " ",
                                     Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        // "Max open files  <soft>  <hard>  files"
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), fields.count());
        CPPUNIT_ASSERT_EQUAL(fields[4], fields[3]);
        CPPUNIT_ASSERT_EQUAL(std::to_string(own.rlim_max), fields[3]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FrontDoorTest);
