//
// RequestReaderTest.cpp
//

#include "http/RequestReader.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::RequestReader;
using Poco::Net::HTTPResponse;
using Result = RequestReader::Result;

class RequestReaderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestReaderTest);
    CPPUNIT_TEST(testRequestWithLength);
    CPPUNIT_TEST(testRequestArrivingByteByByte);
    CPPUNIT_TEST(testPipelinedRequests);
    CPPUNIT_TEST(testChunkedBody);
    CPPUNIT_TEST(testChunkedBodyWithoutLastChunkIsIncomplete);
    CPPUNIT_TEST(testBodyCutShortIsIncomplete);
    CPPUNIT_TEST(testAmbiguousFramingIsRefused);
    CPPUNIT_TEST(testUnsupportedVersion);
    CPPUNIT_TEST(testUnsupportedTransferCoding);
    CPPUNIT_TEST(testLimits);
    CPPUNIT_TEST(testMalformedChunks);
    CPPUNIT_TEST(testExpectContinue);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRequestWithLength()
    {
        std::string received = "POST /publish?topic=t HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), reader.head().getMethod());
        CPPUNIT_ASSERT_EQUAL(std::string("/publish?topic=t"), reader.head().getURI());
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), reader.body());
        CPPUNIT_ASSERT(received.empty());
    }

    void testRequestArrivingByteByByte()
    {
        const std::string request = "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
        RequestReader reader(limits());
        std::string received;
        for (std::size_t i = 0; i + 1 < request.size(); ++i)
        {
            received += request[i];
            CPPUNIT_ASSERT(reader.read(received) == Result::NEED_MORE);
        }
        received += request.back();
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), reader.body());
    }

    void testPipelinedRequests()
    {
        std::string received = "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nxyGET /c HTTP/1.1\r\n";
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("/a"), reader.head().getURI());
        CPPUNIT_ASSERT(reader.body().empty());
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("/b"), reader.head().getURI());
        CPPUNIT_ASSERT_EQUAL(std::string("xy"), reader.body());
        CPPUNIT_ASSERT(reader.read(received) == Result::NEED_MORE);
        received += "\r\n";
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("/c"), reader.head().getURI());
    }

    void testChunkedBody()
    {
        std::string received = "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\nGET /next HTTP/1.1\r\n\r\n";
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("hello world"), reader.body());
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("/next"), reader.head().getURI());
    }

    void testChunkedBodyWithoutLastChunkIsIncomplete()
    {
        std::string received = "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(received) == Result::NEED_MORE);
        received += "0\r\n";
        CPPUNIT_ASSERT(reader.read(received) == Result::NEED_MORE);
        received += "\r\n";
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), reader.body());
    }

    void testBodyCutShortIsIncomplete()
    {
        std::string received = "POST /p HTTP/1.1\r\nContent-Length: 10\r\n\r\nhello";
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(received) == Result::NEED_MORE);
        CPPUNIT_ASSERT(reader.started());
    }

    void testAmbiguousFramingIsRefused()
    {
        expectRefusal("POST /p HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                      HTTPResponse::HTTP_BAD_REQUEST, "more than one Content-Length");
        expectRefusal("POST /p HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                      HTTPResponse::HTTP_BAD_REQUEST, "Content-Length and Transfer-Encoding together");
        for (const char* length : {"-5", "abc", "1, 2", "+3", ""})
            expectRefusal(std::string("POST /p HTTP/1.1\r\nContent-Length: ") + length + "\r\n\r\n",
                          HTTPResponse::HTTP_BAD_REQUEST, "Content-Length is not a number");
        expectRefusal("GARBAGE\r\n\r\n", HTTPResponse::HTTP_BAD_REQUEST, "malformed HTTP request");
    }

    void testUnsupportedVersion()
    {
        expectRefusal("GET / HTTP/9.9\r\n\r\n", HTTPResponse::HTTP_VERSION_NOT_SUPPORTED, "HTTP version HTTP/9.9");
        expectRefusal("GET / HTTP/2.0\r\n\r\n", HTTPResponse::HTTP_VERSION_NOT_SUPPORTED, "HTTP version");
    }

    void testUnsupportedTransferCoding()
    {
        expectRefusal("POST /p HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", HTTPResponse::HTTP_NOT_IMPLEMENTED,
                      "Transfer-Encoding 'gzip'");
        expectRefusal("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                      HTTPResponse::HTTP_NOT_IMPLEMENTED, "Transfer-Encoding");
    }

    void testLimits()
    {
        expectRefusal("GET / HTTP/1.1\r\nX-Big: " + std::string(2000, 'a') + "\r\n\r\n",
                      HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "the request head is larger");
        // A head over the limit is refused before its end arrives.
        expectRefusal("GET / HTTP/1.1\r\nX-Big: " + std::string(2000, 'a'),
                      HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "the request head is larger");
        expectRefusal("POST /p HTTP/1.1\r\nContent-Length: 101\r\n\r\n", HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                      "request body is larger than the limit of 100 bytes");
        expectRefusal("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" + std::string(80, 'x') +
                          "\r\n50\r\n",
                      HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "request body is larger");
        std::string justRight = "POST /p HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x');
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(justRight) == Result::COMPLETE);
    }

    void testMalformedChunks()
    {
        const std::string head = "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        expectRefusal(head + "zz\r\nab\r\n0\r\n\r\n", HTTPResponse::HTTP_BAD_REQUEST, "malformed chunked body");
        expectRefusal(head + "ffffffffffffffffffff\r\n", HTTPResponse::HTTP_BAD_REQUEST, "malformed chunked body");
        expectRefusal(head + "2\r\nabcd\r\n", HTTPResponse::HTTP_BAD_REQUEST, "not followed by CRLF");
        expectRefusal(head + "2\nab\r\n", HTTPResponse::HTTP_BAD_REQUEST, "bad chunk-size line");
    }

    void testExpectContinue()
    {
        std::string received = "POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
        RequestReader reader(limits());
        CPPUNIT_ASSERT(reader.read(received) == Result::NEED_MORE);
        CPPUNIT_ASSERT(reader.wantsContinue());
        received += "ok";
        CPPUNIT_ASSERT(reader.read(received) == Result::COMPLETE);
        CPPUNIT_ASSERT(!reader.wantsContinue());
    }

private:
    static RequestReader::Limits limits()
    {
        RequestReader::Limits limits;
        limits.maxHeadBytes = 1024;
        limits.maxBodyBytes = 100;
        return limits;
    }

    static void expectRefusal(std::string received, HTTPResponse::HTTPStatus status, const std::string& error)
    {
        RequestReader reader(limits());
        CPPUNIT_ASSERT_MESSAGE(received.substr(0, 60), reader.read(received) == Result::REFUSED);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(received.substr(0, 60), static_cast<int>(status), static_cast<int>(reader.status()));
        CPPUNIT_ASSERT_MESSAGE(reader.error(), reader.error().find(error) != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestReaderTest);
