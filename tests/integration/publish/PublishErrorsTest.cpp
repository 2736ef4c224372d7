//
// PublishErrorsTest.cpp
//

#include "HttpCall.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/StreamCopier.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>

namespace
{

const std::string FORM = "application/x-www-form-urlencoded";

void assertRefused(int status, const std::string& errorPart, const HttpCall::Result& result)
{
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, status, result.status);
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), result.response.getContentType());
    const std::string error = result.jsonString("error");
    CPPUNIT_ASSERT_MESSAGE(error, error.find(errorPart) != std::string::npos);
}

HttpCall::Result postChunked(Poco::UInt16 port, const std::string& body)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/publish",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.setChunkedTransferEncoding(true);
    std::ostream& out = session.sendRequest(request);
    for (std::size_t at = 0; at < body.size(); at += 1000)
        out << body.substr(at, 1000);
    HttpCall::Result result;
    std::istream& in = session.receiveResponse(result.response);
    Poco::StreamCopier::copyToString(in, result.body);
    result.status = result.response.getStatus();
    return result;
}

std::string eventOfSize(std::size_t bytes)
{
    const std::string frame = "{\"topic\":\"t\",\"data\":\"\"}";
    return "{\"topic\":\"t\",\"data\":\"" + std::string(bytes - frame.size(), 'x') + "\"}";
}

} // namespace

class PublishErrorsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PublishErrorsTest);
    CPPUNIT_TEST(testMalformedJson);
    CPPUNIT_TEST(testMissingTopic);
    CPPUNIT_TEST(testBadTopic);
    CPPUNIT_TEST(testFieldsOfWrongKind);
    CPPUNIT_TEST(testTypeWithLineBreakOrNul);
    CPPUNIT_TEST(testInvalidUtf8Data);
    CPPUNIT_TEST(testBadBatches);
    CPPUNIT_TEST(testBadForms);
    CPPUNIT_TEST(testFormWithManyFields);
    CPPUNIT_TEST(testBodyOverLimitWithContentLength);
    CPPUNIT_TEST(testBodyOverLimitChunked);
    CPPUNIT_TEST(testBodyAtLimitAccepted);
    CPPUNIT_TEST(testGetIsNotAllowed);
    CPPUNIT_TEST(testUnsupportedMediaType);
    CPPUNIT_TEST(testWrongContentTypeNamesTheOneToSend);
    CPPUNIT_TEST(testBatchErrorNamesTheItem);
    CPPUNIT_TEST(testBadQueryPublishes);
    CPPUNIT_TEST(testMaxTopicsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _hub = std::make_unique<TestDaemon>(
            TestDaemon::Settings{{"server.max_body_bytes", "4096"}, {"history.max_topics", "3"}});
        _watcher = std::make_unique<SseClient>(_hub->port(), "/events?topic=t");
    }

    void tearDown() override
    {
        // Nothing refused was published: the first event the watcher sees is this one.
        const std::string marker = HttpCall::publish(_hub->port(), "t", "marker");
        CPPUNIT_ASSERT_EQUAL(marker, _watcher->expect().id);
        _watcher.reset();
        _hub.reset();
    }

    void testMalformedJson()
    {
        for (const char* body :
             {"{", "{\"topic\":\"t\",}", "nonsense", "", "{\"topic\":\"t\"} trailing", "\xff"})
            assertRefused(400, "malformed JSON", post(body));
    }

    void testMissingTopic()
    {
        assertRefused(400, "\"topic\" is required", post("{\"data\":\"x\"}"));
        assertRefused(400, "\"topic\" is required", post("{\"topic\":null,\"data\":\"x\"}"));
    }

    void testBadTopic()
    {
        assertRefused(400, "invalid topic 'a b'", post("{\"topic\":\"a b\",\"data\":\"x\"}"));
        assertRefused(400, "invalid topic", post("{\"topic\":\"\",\"data\":\"x\"}"));
        assertRefused(400, "invalid topic", post("{\"topic\":\"" + std::string(129, 'a') + "\"}"));
    }

    void testFieldsOfWrongKind()
    {
        assertRefused(400, "\"topic\" must be a string", post("{\"topic\":5}"));
        assertRefused(400, "\"type\" must be a string", post("{\"topic\":\"t\",\"type\":[]}"));
        // Poco 1.11's parser refuses a bare scalar itself, so the message varies.
        assertRefused(400, "", post("\"just a string\""));
        assertRefused(400, "", post("42"));
        assertRefused(400, "JSON object", post("[\"just a string\"]"));
    }

    void testTypeWithLineBreakOrNul()
    {
        assertRefused(400, "type must not contain",
                      post("{\"topic\":\"t\",\"type\":\"a\\nb\",\"data\":\"x\"}"));
        assertRefused(400, "type must not contain",
                      post("{\"topic\":\"t\",\"type\":\"a\\rb\",\"data\":\"x\"}"));
        assertRefused(400, "type must not contain",
                      post("{\"topic\":\"t\",\"type\":\"a\\u0000b\",\"data\":\"x\"}"));
        assertRefused(400, "type must not contain", post("topic=t&type=a%0Ab", FORM));
        assertRefused(400, "type must not contain", post("topic=t&type=a%00b", FORM));
    }

    void testInvalidUtf8Data() { assertRefused(400, "UTF-8", post("topic=t&data=%FF%FE", FORM)); }

    void testBadBatches()
    {
        assertRefused(400, "1 to 1000", post("[]"));
        std::string big = "[";
        for (int i = 0; i < 1001; ++i)
            big += std::string(i ? "," : "") + "{\"topic\":\"t\"}";
        big += "]";
        HttpCall::Result result = HttpCall::post(_hub->port(), "/publish", big);
        CPPUNIT_ASSERT(result.status == 400 || result.status == 413);
        assertRefused(400, "JSON object", post("[{\"topic\":\"t\",\"data\":\"1\"}, 7]"));
        assertRefused(400, "invalid topic",
                      post("[{\"topic\":\"t\",\"data\":\"1\"},{\"topic\":\"no good\"}]"));
    }

    void testBadForms()
    {
        assertRefused(400, "\"topic\" is required", post("data=x", FORM));
        assertRefused(400, "invalid topic", post("topic=a%20b&data=x", FORM));
        assertRefused(400, "", post("topic=t&data=%ZZ", FORM));
    }

    void testFormWithManyFields()
    {
        std::string body = "topic=t&data=x";
        for (int i = 0; i < 200; ++i)
            body += "&f" + std::to_string(i) + "=1";
        assertRefused(400, "", post(body, FORM));
    }

    void testBodyOverLimitWithContentLength()
    {
        assertRefused(413, "4096 bytes", post(eventOfSize(4097)));
        assertRefused(413, "4096 bytes", post("topic=t&data=" + std::string(5000, 'x'), FORM));
        // Far past the limit, the answer must still arrive rather than a reset.
        for (int i = 0; i < 10; ++i)
            assertRefused(413, "4096 bytes", post(eventOfSize(500000)));
    }

    void testBodyOverLimitChunked()
    {
        assertRefused(413, "4096 bytes", postChunked(_hub->port(), eventOfSize(6000)));
        for (int i = 0; i < 10; ++i)
            assertRefused(413, "4096 bytes", postChunked(_hub->port(), eventOfSize(500000)));
    }

    void testBodyAtLimitAccepted()
    {
        CPPUNIT_ASSERT_EQUAL(201, post(eventOfSize(4096)).status);
        CPPUNIT_ASSERT_EQUAL(std::string(4096 - 23, 'x'), _watcher->expect().data);
        CPPUNIT_ASSERT_EQUAL(201, postChunked(_hub->port(), eventOfSize(4096)).status);
        CPPUNIT_ASSERT_EQUAL(std::string(4096 - 23, 'x'), _watcher->expect().data);
    }

    void testGetIsNotAllowed()
    {
        const HttpCall::Result result = HttpCall::get(_hub->port(), "/publish?topic=t&data=x");
        assertRefused(405, "GET", result);
        CPPUNIT_ASSERT_EQUAL(std::string("POST, OPTIONS"), result.response.get("Allow"));
        assertRefused(
            405, "PUT",
            HttpCall::send(_hub->port(), "PUT", "/publish", "{\"topic\":\"t\"}", "application/json", {}));
    }

    void testUnsupportedMediaType()
    {
        assertRefused(415, "application/json", post("{\"topic\":\"t\"}", "text/plain"));
        assertRefused(415, "application/json", post("<topic>t</topic>", "application/xml"));
    }

    void testWrongContentTypeNamesTheOneToSend()
    {
        // What curl -d '{...}' sends, with its Content-Type, and without one.
        assertRefused(415, "(what curl -d sends): send the header Content-Type: application/json",
                      post("{\"topic\":\"t\",\"data\":\"x\"}", FORM));
        assertRefused(415, "the request has no Content-Type: send the header Content-Type: application/json",
                      post("{\"topic\":\"t\"}", ""));
        assertRefused(415, "the body is a form (name=value&...) but its Content-Type is application/json",
                      post("topic=t&data=x"));
    }

    void testBatchErrorNamesTheItem()
    {
        assertRefused(400, "batch item 1 (counting from 0): \"topic\" is required",
                      post("[{\"topic\":\"t\"},{\"data\":\"x\"}]"));
        assertRefused(400, "batch item 2 (counting from 0): invalid topic 'no good'",
                      post("[{\"topic\":\"t\"},{\"topic\":\"t\"},{\"topic\":\"no good\"}]"));
    }

    void testBadQueryPublishes()
    {
        assertRefused(400, "\"topic\" is required in the query", postTo("/publish?type=x", "data"));
        assertRefused(400, "unknown query parameter 'data'", postTo("/publish?topic=t&data=x", ""));
        assertRefused(400, "invalid topic 'a b'", postTo("/publish?topic=a%20b", "data"));
        assertRefused(400, "type must not be empty", postTo("/publish?topic=t&type=", "data"));
        assertRefused(400, "UTF-8", postTo("/publish?topic=t", "\xff\xfe"));
        assertRefused(413, "4096 bytes", postTo("/publish?topic=t", std::string(5000, 'x')));
    }

    void testMaxTopicsRefused()
    {
        // The watcher's topic t takes no place among the three: nothing was published to it.
        CPPUNIT_ASSERT_EQUAL(201, post("{\"topic\":\"u1\"}").status);
        CPPUNIT_ASSERT_EQUAL(201, post("{\"topic\":\"u2\"}").status);
        CPPUNIT_ASSERT_EQUAL(201, post("{\"topic\":\"u3\"}").status);
        assertRefused(400, "maximum number of topics", post("{\"topic\":\"u4\"}"));
        CPPUNIT_ASSERT_EQUAL(201, post("{\"topic\":\"u1\"}").status);
        // The hub is full, so tearDown's marker on t would be refused: it gets a fresh hub.
        _watcher.reset();
        _hub = std::make_unique<TestDaemon>();
        _watcher = std::make_unique<SseClient>(_hub->port(), "/events?topic=t");
    }

private:
    HttpCall::Result postTo(const std::string& target, const std::string& body)
    {
        return HttpCall::post(_hub->port(), target, body, "text/plain");
    }

    HttpCall::Result post(const std::string& body, const std::string& contentType = "application/json")
    {
        return HttpCall::post(_hub->port(), "/publish", body, contentType);
    }

    std::unique_ptr<TestDaemon> _hub;
    std::unique_ptr<SseClient> _watcher;
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishErrorsTest);
