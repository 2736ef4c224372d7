//
// SlowConsumerTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

class SlowConsumerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SlowConsumerTest);
    CPPUNIT_TEST(testStalledSubscriberIsDroppedOthersKeepEverything);
    CPPUNIT_TEST(testBurstLargerThanLimitReachesReader);
    CPPUNIT_TEST(testLaggingSubscriberGetsEverythingOnceItReads);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStalledSubscriberIsDroppedOthersKeepEverything()
    {
        // Enough 16 KB events to fill any socket buffer many times over.
        constexpr int MAX_EVENTS = 2000;
        constexpr int AFTER_DROP = 50;
        const std::string payload(16 * 1024, 'p');
        TestDaemon hub(TestDaemon::Settings{{"sse.outbox_limit_bytes", "1024"},
                                            {"sse.heartbeat_seconds", "0"},
                                            {"history.max_events", "5000"}});
        SseClient stalled(hub.port(), "/events?topic=feed", {}, 4096);
        SseClient healthy(hub.port(), "/events?topic=feed");

        std::vector<std::string> ids;
        int dropAt = -1;
        for (int i = 0; i < MAX_EVENTS && (dropAt < 0 || i < dropAt + AFTER_DROP); ++i)
        {
            ids.push_back(HttpCall::publish(hub.port(), "feed", std::to_string(i) + payload));
            const SseClient::Event event = healthy.expect();
            CPPUNIT_ASSERT_EQUAL(ids.back(), event.id);
            CPPUNIT_ASSERT_EQUAL(std::to_string(i) + payload, event.data);
            if (dropAt < 0 && hub.logContains("disconnecting a subscriber"))
                dropAt = i;
        }
        CPPUNIT_ASSERT_MESSAGE("the stalled subscriber was never disconnected", dropAt >= 0);
        CPPUNIT_ASSERT_EQUAL(1, HubStatus::subscribers(hub.port(), "feed"));
        CPPUNIT_ASSERT_EQUAL(
            1.0, HubStatus::metric(hub.port(), "feedhub_slow_consumer_disconnects_total{transport=\"sse\"}"));

        // The stalled client reads what the kernel held for it, then sees the end.
        std::vector<std::string> seen;
        SseClient::Event event;
        while (stalled.next(event, 5000))
            seen.push_back(event.id);
        CPPUNIT_ASSERT(stalled.waitForClose(5000));
        CPPUNIT_ASSERT(seen.size() < ids.size());
        for (std::size_t i = 0; i < seen.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(ids[i], seen[i]);

        // It reconnects with its last id and nothing is lost.
        const std::string firstSequence = ids[0].substr(ids[0].rfind(':') + 1);
        const std::string before = std::to_string(std::stoull(firstSequence) - 1);
        SseClient resumed(hub.port(), "/events?topic=feed",
                          {{"Last-Event-ID", seen.empty() ? before : seen.back()}});
        for (std::size_t i = seen.size(); i < ids.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(ids[i], resumed.expect().id);
    }

    void testBurstLargerThanLimitReachesReader()
    {
        // One batch is handed to the loop at once: ten events of 3 KB against
        // a 4 KB limit must still reach a client that reads.
        TestDaemon hub(TestDaemon::Settings{{"sse.outbox_limit_bytes", "4096"}});
        SseClient reader(hub.port(), "/events?topic=burst");
        std::string batch = "[";
        for (int i = 0; i < 10; ++i)
            batch += std::string(i ? "," : "") + "{\"topic\":\"burst\",\"data\":\"" + std::to_string(i) +
                     std::string(3000, 'b') + "\"}";
        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/publish", batch + "]").status);
        for (int i = 0; i < 10; ++i)
            CPPUNIT_ASSERT_EQUAL(std::to_string(i) + std::string(3000, 'b'), reader.expect().data);
        CPPUNIT_ASSERT(!hub.logContains("disconnecting a subscriber"));
    }

    void testLaggingSubscriberGetsEverythingOnceItReads()
    {
        // More than the kernel holds on both ends (a small receive buffer here,
        // tcp_wmem's 4 MB ceiling on the hub's side), so the loop's writes
        // block and the rest waits in the outbox until the socket drains.
        constexpr int EVENTS = 600;
        const std::string payload(16 * 1024, 'q');
        TestDaemon hub(TestDaemon::Settings{{"sse.outbox_limit_bytes", std::to_string(64 << 20)},
                                            {"sse.heartbeat_seconds", "0"},
                                            {"history.max_events", "1000"}});
        SseClient lagging(hub.port(), "/events?topic=feed", {}, 4096);
        std::vector<std::string> ids;
        for (int i = 0; i < EVENTS; ++i)
            ids.push_back(HttpCall::publish(hub.port(), "feed", std::to_string(i) + payload));
        for (int i = 0; i < EVENTS; ++i)
        {
            const SseClient::Event event = lagging.expect();
            CPPUNIT_ASSERT_EQUAL(ids[i], event.id);
            CPPUNIT_ASSERT_EQUAL(std::to_string(i) + payload, event.data);
        }
        CPPUNIT_ASSERT(!hub.logContains("disconnecting a subscriber"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SlowConsumerTest);
