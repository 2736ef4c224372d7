//
// ShutdownTest.cpp
//

#include "HttpCall.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <memory>

class ShutdownTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ShutdownTest);
    CPPUNIT_TEST(testSigtermClosesSubscribersAndExitsZero);
    CPPUNIT_TEST(testSigintClosesSubscribersAndExitsZero);
    CPPUNIT_TEST(testShutdownWithStalledSubscriber);
    CPPUNIT_TEST(testShutdownWhileIdle);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSigtermClosesSubscribersAndExitsZero() { assertCleanShutdown(SIGTERM); }

    void testSigintClosesSubscribersAndExitsZero() { assertCleanShutdown(SIGINT); }

    void testShutdownWithStalledSubscriber()
    {
        // A subscriber that stopped reading, with bytes still owed to it.
        TestDaemon hub(TestDaemon::Settings{{"sse.heartbeat_seconds", "0"}});
        SseClient stalled(hub.port(), "/events?topic=t", {}, 4096);
        const std::string payload(8192, 'x');
        for (int i = 0; i < 20; ++i)
            HttpCall::publish(hub.port(), "t", payload);
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        CPPUNIT_ASSERT(stalled.waitForClose(10000));
    }

    void testShutdownWhileIdle()
    {
        TestDaemon hub;
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        CPPUNIT_ASSERT(hub.logContains("shutting down"));
    }

private:
    static void assertCleanShutdown(int signal)
    {
        TestDaemon hub;
        std::vector<std::unique_ptr<SseClient>> clients;
        for (const char* path : {"/events?topic=a", "/events?topic=a&topic=b", "/events?topic=c"})
            clients.push_back(std::make_unique<SseClient>(hub.port(), path));
        HttpCall::publish(hub.port(), "a", "before");
        for (int i = 0; i < 2; ++i)
            CPPUNIT_ASSERT_EQUAL(std::string("before"), clients[i]->expect().data);

        hub.signal(signal);
        for (auto& client : clients)
            CPPUNIT_ASSERT(client->waitForClose(10000));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        CPPUNIT_ASSERT(hub.logContains("shutting down"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ShutdownTest);
