//
// MemoryBudgetTest.cpp
//

#include "HttpCall.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

class MemoryBudgetTest : public CppUnit::TestFixture
    /// Large events on many topics: memory stays within its budget while the
    /// journal keeps the whole history.
{
    CPPUNIT_TEST_SUITE(MemoryBudgetTest);
    CPPUNIT_TEST(testMemoryStaysFlatWhileHistoryStaysLong);
    CPPUNIT_TEST(testPollThatWillNotWaitGetsWhatOnlyTheJournalHolds);
    CPPUNIT_TEST_SUITE_END();

public:
    void testMemoryStaysFlatWhileHistoryStaysLong()
    {
        constexpr int TOPICS = 10;
        constexpr int ROUNDS = 200;
        TestDaemon hub(TestDaemon::Settings{{"history.memory_budget_bytes", std::to_string(8 << 20)},
                                            {"sse.heartbeat_seconds", "0"}});
        const std::string data(60 * 1024, 'x');
        const long before = hub.rssKilobytes();
        std::vector<std::string> firstTopic;
        for (int round = 0; round < ROUNDS; ++round)
        {
            for (int topic = 0; topic < TOPICS; ++topic)
            {
                const HttpCall::Result result =
                    HttpCall::post(hub.port(), "/publish?topic=big" + std::to_string(topic), data,
                                   "application/octet-stream");
                CPPUNIT_ASSERT_EQUAL(201, result.status);
                if (topic == 0)
                    firstTopic.push_back(result.jsonString("id"));
            }
        }
        // 120 MB published, each event held twice once encoded: far over the budget.
        const long grownKb = hub.rssKilobytes() - before;
        CPPUNIT_ASSERT_MESSAGE(std::to_string(grownKb) + " KB", grownKb < 40 * 1024);

        const std::string first = firstTopic[0].substr(firstTopic[0].rfind(':') + 1);
        SseClient resumed(hub.port(), "/events?topic=big0",
                          {{"Last-Event-ID", std::to_string(std::stoull(first) - 1)}});
        for (const std::string& id : firstTopic)
        {
            const SseClient::Event event = resumed.expect();
            CPPUNIT_ASSERT_EQUAL(id, event.id);
            CPPUNIT_ASSERT_EQUAL(data.size(), event.data.size());
        }
    }

    void testPollThatWillNotWaitGetsWhatOnlyTheJournalHolds()
    {
        // timeout=0 means "do not wait for new events", not "do not wait for
        // the journal": what memory no longer holds is read, not answered 204.
        TestDaemon hub(TestDaemon::Settings{{"history.memory_budget_bytes", std::to_string(64 << 10)}});
        const std::string data(4096, 'y');
        std::vector<std::string> ids;
        for (int i = 0; i < 64; ++i)
            ids.push_back(HttpCall::post(hub.port(), "/publish?topic=old", data, "application/octet-stream")
                              .jsonString("id"));
        const HttpCall::Result polled = HttpCall::get(hub.port(), "/poll?topic=old&since=0&timeout=0");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(polled.body, 200, polled.status);
        CPPUNIT_ASSERT_MESSAGE(polled.body, polled.body.find("\"id\":\"" + ids.front() + "\"") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MemoryBudgetTest);
