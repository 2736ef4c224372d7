//
// LongPollScaleTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "PollClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <iostream>
#include <memory>
#include <sys/resource.h>

class LongPollScaleTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(LongPollScaleTest);
    CPPUNIT_TEST(testTwoThousandWaitingClientsWithoutMoreThreads);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTwoThousandWaitingClientsWithoutMoreThreads()
    {
        constexpr int WAITERS = 2000;
        constexpr int BATCH = 200;
        constexpr int HTTP_THREADS = 4;
        // Before the daemon starts, so that it inherits the limit too.
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        TestDaemon hub(TestDaemon::Settings{{"server.worker_threads", std::to_string(HTTP_THREADS)}});
        const int threadsAtStart = hub.threadCount();

        // One thread drives every client: each only sends its request, then
        // the test reads the answers one after the other.
        std::vector<std::unique_ptr<PollClient>> clients;
        while (clients.size() < WAITERS)
        {
            // In batches, as clients really arrive; the HTTP accept queue is bounded.
            for (int i = 0; i < BATCH; ++i)
            {
                clients.push_back(std::make_unique<PollClient>(hub.port()));
                clients.back()->send("GET", "/poll?topic=crowd&timeout=120");
            }
            const int parked = static_cast<int>(clients.size());
            CPPUNIT_ASSERT(
                HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port()) == parked; }, 30000));
        }
        // A connection counts once a worker has handed it over, a subscriber
        // once its loop has opened it: the second may lag the first a little.
        CPPUNIT_ASSERT(HubStatus::waitFor(
            [&] { return HubStatus::subscribers(hub.port(), "crowd") == WAITERS; }, 30000));
        const int threadsWaiting = hub.threadCount();

        const std::string id = HttpCall::publish(hub.port(), "crowd", "to all 2000");
        std::string cursor;
        for (auto& client : clients)
        {
            const PollClient::Response response = client->receive(30000);
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({id}));
            cursor = response.cursor();
        }

        // The next cycle runs on the kept-alive connections, on the loop.
        for (auto& client : clients)
            client->send("GET", "/poll?topic=crowd&timeout=120&since=" + cursor);
        CPPUNIT_ASSERT(HubStatus::waitFor(
            [&] { return HubStatus::subscribers(hub.port(), "crowd") == WAITERS; }, 30000));
        const int threadsSecondCycle = hub.threadCount();
        const std::string next = HttpCall::publish(hub.port(), "crowd", "and again");
        for (auto& client : clients)
            CPPUNIT_ASSERT(client->receive(30000).eventIds() == std::vector<std::string>({next}));

        std::cout << "\n  daemon threads: " << threadsAtStart << " at start, " << threadsWaiting << " with "
                  << WAITERS << " polls waiting, " << threadsSecondCycle << " in the kept-alive cycle; RSS "
                  << hub.rssKilobytes() << " kB\n";
        // Waiting costs no thread: at most the HTTP pool, bounded by
        // server.worker_threads, may have filled up meanwhile.
        CPPUNIT_ASSERT(threadsAtStart > 0);
        CPPUNIT_ASSERT(threadsWaiting - threadsAtStart <= HTTP_THREADS);
        CPPUNIT_ASSERT(threadsSecondCycle - threadsAtStart <= HTTP_THREADS);
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LongPollScaleTest);
