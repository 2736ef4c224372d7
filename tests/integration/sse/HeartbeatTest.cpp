//
// HeartbeatTest.cpp
//

#include "HttpCall.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

class HeartbeatTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HeartbeatTest);
    CPPUNIT_TEST(testHeartbeatArrivesOnIdleStream);
    CPPUNIT_TEST(testStreamStillDeliversAfterHeartbeats);
    CPPUNIT_TEST(testNoHeartbeatWhenDisabled);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHeartbeatArrivesOnIdleStream()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.heartbeat_seconds", "1"}});
        SseClient client(hub.port(), "/events?topic=quiet");
        CPPUNIT_ASSERT(client.waitForComment(10000));
    }

    void testStreamStillDeliversAfterHeartbeats()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.heartbeat_seconds", "1"}});
        SseClient client(hub.port(), "/events?topic=quiet");
        CPPUNIT_ASSERT(client.waitForComment(10000));
        const std::string id = HttpCall::publish(hub.port(), "quiet", "still here");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(id, event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("still here"), event.data);
    }

    void testNoHeartbeatWhenDisabled()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.heartbeat_seconds", "0"}});
        SseClient client(hub.port(), "/events?topic=quiet");
        CPPUNIT_ASSERT(!client.waitForComment(2500));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HeartbeatTest);
