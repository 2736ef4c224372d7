//
// PublishSubscribeTest.cpp
//

#include "HttpCall.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

class PublishSubscribeTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PublishSubscribeTest);
    CPPUNIT_TEST(testPublishedEventReachesSubscriber);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPublishedEventReachesSubscriber()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=news");
        CPPUNIT_ASSERT_EQUAL(200, client.status());
        CPPUNIT_ASSERT_EQUAL(std::string("text/event-stream; charset=utf-8"), client.response().getContentType());
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), client.response().get("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("no"), client.response().get("X-Accel-Buffering"));

        const std::string id = HttpCall::publish(hub.port(), "news", "{\"headline\":\"hi\"}", "article");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(id, event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("article"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"headline\":\"hi\"}"), event.data);
        CPPUNIT_ASSERT_EQUAL(3000, client.retry());
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishSubscribeTest);
