//
// ShutdownTest.cpp
//

#include "HttpCall.h"
#include "SseClient.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/Timestamp.h"
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
    CPPUNIT_TEST(testShutdownWithinTwoSecondsUnderLoad);
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

    void testShutdownWithinTwoSecondsUnderLoad()
    {
        // A restart must be able to rebind at once: subscribers, waiting
        // polls and half-sent requests do not hold the stop up.
        for (int round = 0; round < 5; ++round)
        {
            TestDaemon hub;
            std::vector<std::unique_ptr<SseClient>> subscribers;
            for (int i = 0; i < 100; ++i)
                subscribers.push_back(std::make_unique<SseClient>(hub.port(), "/events?topic=load"));
            std::vector<std::unique_ptr<Poco::Net::StreamSocket>> pending;
            for (int i = 0; i < 50; ++i)
            {
                auto socket = std::make_unique<Poco::Net::StreamSocket>(
                    Poco::Net::SocketAddress("127.0.0.1", hub.port()));
                const std::string request = i % 2 == 0 ? "GET /poll?topic=load&timeout=60 HTTP/1.1\r\n\r\n"
                                                       : "POST /publish?topic=load HTTP/1.1\r\nContent-Le";
                socket->sendBytes(request.data(), static_cast<int>(request.size()));
                pending.push_back(std::move(socket));
            }
            HttpCall::publish(hub.port(), "load", "before the stop");
            const Poco::Timestamp stopping;
            CPPUNIT_ASSERT_EQUAL(0, hub.stop());
            CPPUNIT_ASSERT_MESSAGE("the stop took " + std::to_string(stopping.elapsed() / 1000) + " ms",
                                   stopping.elapsed() < 2 * Poco::Timestamp::resolution());
        }
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
