//
// RequestFramingTest.cpp
//
// Request framing as strictly as a proxy in front of the hub expects: what
// is ambiguous is refused, what is incomplete is never published.
//

#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/StreamSocket.h"
#include "RawExchange.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>

class RequestFramingTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestFramingTest);
    CPPUNIT_TEST(testBodyCutShortIsNotPublished);
    CPPUNIT_TEST(testChunkedBodyWithoutLastChunkIsNotPublished);
    CPPUNIT_TEST(testChunkedBodyIsPublished);
    CPPUNIT_TEST(testAmbiguousLengthsAreRefused);
    CPPUNIT_TEST(testUnsupportedVersionIsRefused);
    CPPUNIT_TEST(testOversizedBodyGetsAnAnswer);
    CPPUNIT_TEST(testExpectContinue);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _hub = std::make_unique<TestDaemon>(); }

    void tearDown() override { _hub.reset(); }

    void testBodyCutShortIsNotPublished()
    {
        const std::string answer = RawExchange::send(
            port(), "POST /publish?topic=cut HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello");
        CPPUNIT_ASSERT_EQUAL(std::string(), answer);
        CPPUNIT_ASSERT_EQUAL(0, held("cut"));
    }

    void testChunkedBodyWithoutLastChunkIsNotPublished()
    {
        const std::string answer =
            RawExchange::send(port(), "POST /publish?topic=unfinished HTTP/1.1\r\nHost: x\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string(), answer);
        CPPUNIT_ASSERT_EQUAL(0, held("unfinished"));
    }

    void testChunkedBodyIsPublished()
    {
        const std::string answer =
            RawExchange::send(port(), "POST /publish?topic=chunked HTTP/1.1\r\nHost: x\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 201 Created"), RawExchange::statusLine(answer));
        CPPUNIT_ASSERT_EQUAL(1, held("chunked"));
    }

    void testAmbiguousLengthsAreRefused()
    {
        expectRefusal("POST /publish?topic=twice HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi",
                      "HTTP/1.1 400 Bad Request", "malformed HTTP request: more than one Content-Length header");
        expectRefusal("POST /publish?topic=twice HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "2\r\nhi\r\n0\r\n\r\n",
                      "HTTP/1.1 400 Bad Request",
                      "malformed HTTP request: Content-Length and Transfer-Encoding together");
        CPPUNIT_ASSERT_EQUAL(0, held("twice"));
    }

    void testUnsupportedVersionIsRefused()
    {
        expectRefusal("GET /healthz HTTP/9.9\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported",
                      "HTTP version HTTP/9.9 is not supported; use HTTP/1.1");
    }

    void testOversizedBodyGetsAnAnswer()
    {
        // Over a megabyte: the hub answers 413 before reading it and reads
        // the rest away, so the client gets the answer instead of a reset.
        const std::string body(1200 * 1024, 'x');
        const std::string answer = RawExchange::send(
            port(), "POST /publish?topic=big HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n" + body);
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 413 Request Entity Too Large"), RawExchange::statusLine(answer));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"error\":\"request body is larger than the limit of 65536 bytes\"}"),
                             RawExchange::body(answer));
        CPPUNIT_ASSERT_EQUAL(0, held("big"));
    }

    void testExpectContinue()
    {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port()));
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
        const std::string head =
            "POST /publish?topic=asked HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        socket.sendBytes(head.data(), static_cast<int>(head.size()));
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1 100 Continue\r\n\r\n"), receive(socket, 25));
        socket.sendBytes("ok", 2);
        CPPUNIT_ASSERT(receive(socket, 12).rfind("HTTP/1.1 201", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(1, held("asked"));
    }

private:
    Poco::UInt16 port() const { return _hub->port(); }

    int held(const std::string& topic) const
    {
        const Poco::JSON::Array::Ptr topics =
            HttpCall::get(port(), "/topics").json().extract<Poco::JSON::Object::Ptr>()->getArray("topics");
        for (std::size_t i = 0; i < topics->size(); ++i)
        {
            const Poco::JSON::Object::Ptr entry = topics->getObject(static_cast<unsigned>(i));
            if (entry->getValue<std::string>("name") == topic)
                return entry->getValue<int>("held");
        }
        return 0;
    }

    void expectRefusal(const std::string& request, const std::string& status, const std::string& error) const
    {
        const std::string answer = RawExchange::send(port(), request);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(request.substr(0, 50), status, RawExchange::statusLine(answer));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"error\":\"") + error + "\"}", RawExchange::body(answer));
        CPPUNIT_ASSERT(answer.find("\r\nConnection: close\r\n") != std::string::npos);
    }

    static std::string receive(Poco::Net::StreamSocket& socket, std::size_t count)
    {
        std::string got;
        char buffer[256];
        while (got.size() < count)
        {
            const int n = socket.receiveBytes(buffer, static_cast<int>(std::min(sizeof buffer, count - got.size())));
            if (n <= 0)
                break;
            got.append(buffer, static_cast<std::size_t>(n));
        }
        return got;
    }

    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestFramingTest);
