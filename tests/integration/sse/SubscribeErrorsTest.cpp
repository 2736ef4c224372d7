//
// SubscribeErrorsTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>

namespace
{

struct Refusal
{
    int status = 0;
    std::string contentType;
    std::string error;
};

Refusal subscribe(Poco::UInt16 port, const std::string& path,
                  const std::map<std::string, std::string>& headers = {})
{
    SseClient client(port, path, headers);
    Refusal refusal;
    refusal.status = client.status();
    refusal.contentType = client.response().getContentType();
    if (refusal.status != 200)
    {
        HttpCall::Result body;
        body.body = client.readBody();
        refusal.error = body.jsonString("error");
    }
    return refusal;
}

void assertRefused(int status, const std::string& errorPart, const Refusal& refusal)
{
    CPPUNIT_ASSERT_EQUAL(status, refusal.status);
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), refusal.contentType);
    CPPUNIT_ASSERT_MESSAGE(refusal.error, refusal.error.find(errorPart) != std::string::npos);
}

} // namespace

class SubscribeErrorsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SubscribeErrorsTest);
    CPPUNIT_TEST(testMissingTopic);
    CPPUNIT_TEST(testBadTopic);
    CPPUNIT_TEST(testEmptyTopic);
    CPPUNIT_TEST(testTooLongTopic);
    CPPUNIT_TEST(testTooManyTopics);
    CPPUNIT_TEST(testBadLastEventIdHeader);
    CPPUNIT_TEST(testBadLastEventIdParameter);
    CPPUNIT_TEST(testPostIsNotAllowed);
    CPPUNIT_TEST(testDefaultTopicsServeBareRequests);
    CPPUNIT_TEST(testOverMaxSubscribersGets503);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _hub = std::make_unique<TestDaemon>(); }

    void tearDown() override
    {
        // Refused requests must not have left subscribers behind.
        CPPUNIT_ASSERT_EQUAL(std::string("{\"topics\":[]}"), HttpCall::get(_hub->port(), "/topics").body);
        _hub.reset();
    }

    void testMissingTopic() { assertRefused(400, "topic", subscribe(_hub->port(), "/events")); }

    void testBadTopic()
    {
        assertRefused(400, "invalid topic 'bad topic'", subscribe(_hub->port(), "/events?topic=bad%20topic"));
        assertRefused(400, "invalid topic", subscribe(_hub->port(), "/events?topic=ok&topic=caf%C3%A9"));
    }

    void testEmptyTopic() { assertRefused(400, "invalid topic", subscribe(_hub->port(), "/events?topic=")); }

    void testTooLongTopic()
    {
        assertRefused(400, "128", subscribe(_hub->port(), "/events?topic=" + std::string(129, 'x')));
    }

    void testTooManyTopics()
    {
        std::string path = "/events?topic=t0";
        for (int i = 1; i < 17; ++i)
            path += "&topic=t" + std::to_string(i);
        assertRefused(400, "too many topics", subscribe(_hub->port(), path));
    }

    void testBadLastEventIdHeader()
    {
        assertRefused(400, "invalid event id 'yesterday'",
                      subscribe(_hub->port(), "/events?topic=t", {{"Last-Event-ID", "yesterday"}}));
        assertRefused(400, "invalid event id",
                      subscribe(_hub->port(), "/events?topic=t", {{"Last-Event-ID", "t:-3"}}));
    }

    void testBadLastEventIdParameter()
    {
        assertRefused(400, "invalid event id 't:x1'",
                      subscribe(_hub->port(), "/events?topic=t&lastEventId=t:x1"));
    }

    void testPostIsNotAllowed()
    {
        const HttpCall::Result result = HttpCall::post(_hub->port(), "/events?topic=t", "{}");
        CPPUNIT_ASSERT_EQUAL(405, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GET, OPTIONS"), result.response.get("Allow"));
        CPPUNIT_ASSERT(result.jsonString("error").find("POST") != std::string::npos);
    }

    void testDefaultTopicsServeBareRequests()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.default_topics", "notifications"}});
        SseClient client(hub.port(), "/events");
        CPPUNIT_ASSERT_EQUAL(200, client.status());
        const std::string id = HttpCall::publish(hub.port(), "notifications", "hi");
        CPPUNIT_ASSERT_EQUAL(id, client.expect().id);
    }

    void testOverMaxSubscribersGets503()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.max_subscribers", "2"}});
        auto first = std::make_unique<SseClient>(hub.port(), "/events?topic=a");
        SseClient second(hub.port(), "/events?topic=b");
        CPPUNIT_ASSERT_EQUAL(200, first->status());
        CPPUNIT_ASSERT_EQUAL(200, second.status());
        assertRefused(503, "maximum of 2", subscribe(hub.port(), "/events?topic=c"));

        // The refused client cost nothing, and a freed place can be taken again.
        first.reset();
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port()) == 1; }));
        SseClient again(hub.port(), "/events?topic=c");
        CPPUNIT_ASSERT_EQUAL(200, again.status());
        const std::string id = HttpCall::publish(hub.port(), "b", "still served");
        CPPUNIT_ASSERT_EQUAL(id, second.expect().id);
    }

private:
    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(SubscribeErrorsTest);
