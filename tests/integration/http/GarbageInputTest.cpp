//
// GarbageInputTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/Random.h"
#include "RawExchange.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <vector>

class GarbageInputTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(GarbageInputTest);
    CPPUNIT_TEST(testRandomBytes);
    CPPUNIT_TEST(testNotHttp);
    CPPUNIT_TEST(testAbsurdHeader);
    CPPUNIT_TEST(testTooManyHeaders);
    CPPUNIT_TEST(testHugeQueryString);
    CPPUNIT_TEST(testManyTopicParameters);
    CPPUNIT_TEST(testBadPercentEncoding);
    CPPUNIT_TEST(testHugeLastEventId);
    CPPUNIT_TEST(testBadContentLength);
    CPPUNIT_TEST(testMalformedRequestsGetJsonErrors);
    CPPUNIT_TEST(testBadChunkedBody);
    CPPUNIT_TEST(testTruncatedRequests);
    CPPUNIT_TEST(testSubscribersThatVanishAreForgotten);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _hub = std::make_unique<TestDaemon>(); }

    void tearDown() override
    {
        // Whatever came before, the hub still serves and still stops cleanly.
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(_hub->port(), "/healthz").status);
        CPPUNIT_ASSERT(!HttpCall::publish(_hub->port(), "after", "still fine").empty());
        CPPUNIT_ASSERT_EQUAL(0, _hub->stop());
        _hub.reset();
    }

    void testRandomBytes()
    {
        Poco::Random random;
        random.seed(20261121);
        for (int round = 0; round < 20; ++round)
        {
            std::string junk(1 + random.next(65536), '\0');
            for (char& c : junk)
                c = random.nextChar();
            assertRefusedOrClosed(RawExchange::send(_hub->port(), junk));
        }
    }

    void testNotHttp()
    {
        for (const char* junk :
             {"\r\n\r\n\r\n\r\n", "HELLO\r\n\r\n", "GET /healthz\r\n\r\n", "G\x01T /healthz HTTP/1.1\r\n\r\n",
              "SSH-2.0-OpenSSH_9.2\r\n", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"})
            assertRefusedOrClosed(RawExchange::send(_hub->port(), junk), junk);
    }

    void testAbsurdHeader()
    {
        assertRefusedOrClosed(RawExchange::send(
            _hub->port(), "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n"));
        assertRefusedOrClosed(
            RawExchange::send(_hub->port(), "GET /healthz HTTP/1.1\r\n" + std::string(100000, 'N') + ": v\r\n\r\n"));
    }

    void testTooManyHeaders()
    {
        std::string request = "GET /events?topic=t HTTP/1.1\r\n";
        for (int i = 0; i < 10000; ++i)
            request += "X-H" + std::to_string(i) + ": v\r\n";
        assertRefusedOrClosed(RawExchange::send(_hub->port(), request + "\r\n"));
    }

    void testHugeQueryString()
    {
        assertRefusedOrClosed(
            RawExchange::send(_hub->port(), "GET /events?topic=" + std::string(1 << 20, 't') + " HTTP/1.1\r\n\r\n"));
        assertRefusedOrClosed(
            RawExchange::send(_hub->port(), "POST /publish?" + std::string(1 << 20, '&') + " HTTP/1.1\r\n\r\n"));
    }

    void testManyTopicParameters()
    {
        std::string query = "topic=t0";
        for (int i = 1; i < 1200; ++i)
            query += "&topic=t" + std::to_string(i);
        const std::string answer = RawExchange::send(_hub->port(), "GET /events?" + query + " HTTP/1.1\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 400 Bad Request"), RawExchange::statusLine(answer));
        CPPUNIT_ASSERT(answer.find("too many topics") != std::string::npos);
    }

    void testBadPercentEncoding()
    {
        for (const char* path :
             {"/events?topic=%ZZ", "/events?topic=%", "/events?topic=a%00b", "/%ZZ", "/publish%"})
        {
            const std::string answer =
                RawExchange::send(_hub->port(), "GET " + std::string(path) + " HTTP/1.1\r\n\r\n");
            CPPUNIT_ASSERT_MESSAGE(path + std::string(": ") + RawExchange::statusLine(answer),
                                   RawExchange::statusLine(answer).find(" 4") != std::string::npos);
        }
    }

    void testHugeLastEventId()
    {
        const std::string answer = RawExchange::send(
            _hub->port(),
            "GET /events?topic=t HTTP/1.1\r\nLast-Event-ID: t:" + std::string(8000, '9') + "\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 400 Bad Request"), RawExchange::statusLine(answer));
    }

    void testBadContentLength()
    {
        for (const char* length : {"-5", "99999999999999999999", "abc", "1, 2"})
        {
            const std::string answer =
                RawExchange::send(_hub->port(), "POST /publish HTTP/1.1\r\nContent-Type: application/json\r\n"
                                       "Content-Length: " +
                                           std::string(length) + "\r\n\r\n{\"topic\":\"t\"}");
            assertRefusedOrClosed(answer);
        }
    }

    void testMalformedRequestsGetJsonErrors()
    {
        // Small requests only: the hub reads them whole, so closing after the answer sends a FIN.
        // A huge refused head leaves unread bytes, the close becomes a reset and may discard the
        // answer (testAbsurdHeader accepts that).
        for (const std::string& request : std::vector<std::string>{
                 "GARBAGE\r\n\r\n", "GET /healthz HTTP/1.1\r\n" + std::string(300, 'N') + ": v\r\n\r\n",
                 "POST /publish HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}"})
        {
            const std::string answer = RawExchange::send(_hub->port(), request);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(request.substr(0, 40), std::string("HTTP/1.1 400 Bad Request"),
                                         RawExchange::statusLine(answer));
            CPPUNIT_ASSERT_MESSAGE(answer,
                                   answer.find("{\"error\":\"malformed HTTP request: ") != std::string::npos);
        }
    }

    void testBadChunkedBody()
    {
        const std::string head =
            "POST /publish HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertRefusedOrClosed(RawExchange::send(_hub->port(), head + "zz\r\n{\"topic\":\"t\"}\r\n0\r\n\r\n"));
        assertRefusedOrClosed(RawExchange::send(_hub->port(), head + "ffffffffffffffffffff\r\n{\"topic\":\"t\"}\r\n"));
    }

    void testTruncatedRequests()
    {
        for (const char* part :
             {"GET /events?topic=t HTTP/1.1\r\nHost: x", "POST /publish HTTP/1.1\r\nContent-Length: 100\r\n"
                                                         "Content-Type: application/json\r\n\r\n{\"to"})
        {
            Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", _hub->port()));
            socket.sendBytes(part, static_cast<int>(std::strlen(part)));
            socket.close();
        }
    }

    void testSubscribersThatVanishAreForgotten()
    {
        // Clients that go away before, during and right after the hub parks them.
        for (int i = 0; i < 100; ++i)
        {
            Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", _hub->port()));
            const std::string request = "GET /events?topic=vanish HTTP/1.1\r\n\r\n";
            socket.sendBytes(request.data(), static_cast<int>(request.size()));
            if (i % 2 == 1)
            {
                char byte;
                socket.receiveBytes(&byte, 1);
            }
            socket.close();
        }
        CPPUNIT_ASSERT(
            HubStatus::waitFor([&] { return HubStatus::subscribers(_hub->port(), "vanish") == 0; }));
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::connections(_hub->port()) == 0; }));
    }

private:
    static void assertRefusedOrClosed(const std::string& answer, const std::string& sent = "")
    {
        const std::string status = RawExchange::statusLine(answer);
        const std::string message = sent.substr(0, 40) + " -> " + status;
        CPPUNIT_ASSERT_MESSAGE(message, answer.empty() || status.rfind("HTTP/1.", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(message, answer.empty() || status.find(" 4") != std::string::npos ||
                                            status.find(" 5") != std::string::npos);
    }

    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(GarbageInputTest);
