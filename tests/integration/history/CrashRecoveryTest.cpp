//
// CrashRecoveryTest.cpp
//

#include "HttpCall.h"
#include "Poco/File.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "bus/EventCursor.h"
#include <atomic>
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>

namespace
{

constexpr int PUBLISHERS = 4;
constexpr int EVENTS_EACH = 500;

std::uint64_t sequenceOf(const std::string& id)
{
    return feedhub::EventCursor::parse(id);
}

} // namespace

class CrashRecoveryTest : public CppUnit::TestFixture
    /// kill -9 in the middle of publishing loses nothing that was answered 201.
{
    CPPUNIT_TEST_SUITE(CrashRecoveryTest);
    CPPUNIT_TEST(testEveryAcknowledgedEventSurvivesKill);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }
    void tearDown() override { Poco::File(_dir).remove(true); }

    void testEveryAcknowledgedEventSurvivesKill()
    {
        const TestDaemon::Settings settings{{"history.database", _dir + "/history.db"},
                                            {"sse.heartbeat_seconds", "0"}};
        std::vector<std::string> acknowledged;
        {
            TestDaemon hub(settings);
            std::mutex mutex;
            std::vector<std::thread> publishers;
            for (int p = 0; p < PUBLISHERS; ++p)
            {
                publishers.emplace_back([&, p] {
                    for (int i = 0; i < EVENTS_EACH; ++i)
                    {
                        try
                        {
                            const std::string id = HttpCall::publish(
                                hub.port(), "crash", "p" + std::to_string(p) + "-" + std::to_string(i));
                            std::lock_guard<std::mutex> lock(mutex);
                            acknowledged.push_back(id);
                        }
                        catch (const std::exception&)
                        {
                            return; // the hub is gone
                        }
                    }
                });
            }
            for (;;)
            {
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (acknowledged.size() >= PUBLISHERS * EVENTS_EACH / 2)
                        break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            hub.signal(SIGKILL);
            for (std::thread& publisher : publishers)
                publisher.join();
        }
        CPPUNIT_ASSERT(acknowledged.size() < std::size_t(PUBLISHERS * EVENTS_EACH));
        std::sort(acknowledged.begin(), acknowledged.end(),
                  [](const std::string& a, const std::string& b) { return sequenceOf(a) < sequenceOf(b); });
        const std::string before = std::to_string(sequenceOf(acknowledged.front()) - 1);

        TestDaemon restarted(settings);
        const std::string next = HttpCall::publish(restarted.port(), "crash", "after the restart");
        CPPUNIT_ASSERT(sequenceOf(next) > sequenceOf(acknowledged.back()));

        // Over SSE: every acknowledged event once, in order (and maybe some stored
        // whose answer the kill cut off), then the one published since.
        SseClient resumed(restarted.port(), "/events?topic=crash", {{"Last-Event-ID", before}});
        std::vector<std::string> streamed;
        while (streamed.empty() || streamed.back() != next)
        {
            const SseClient::Event event = resumed.expect();
            CPPUNIT_ASSERT(event.type != "feedhub.truncated");
            streamed.push_back(event.id);
        }
        checkDelivered(acknowledged, streamed);

        // Over long polling, from the same cursor.
        PollClient poller(restarted.port());
        std::vector<std::string> polled;
        std::string cursor = before;
        while (polled.empty() || polled.back() != next)
        {
            const PollClient::Response response = poller.get("/poll?topic=crash&timeout=5&since=" + cursor);
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT(!response.truncated());
            for (const std::string& id : response.eventIds())
                polled.push_back(id);
            cursor = response.cursor();
        }
        CPPUNIT_ASSERT(streamed == polled);
    }

private:
    static void checkDelivered(const std::vector<std::string>& acknowledged,
                               const std::vector<std::string>& got)
    {
        for (std::size_t i = 1; i < got.size(); ++i)
            CPPUNIT_ASSERT_MESSAGE(got[i - 1] + " then " + got[i],
                                   sequenceOf(got[i - 1]) < sequenceOf(got[i]));
        const std::set<std::string> received(got.begin(), got.end());
        for (const std::string& id : acknowledged)
            CPPUNIT_ASSERT_MESSAGE(id + " was acknowledged and lost", received.count(id) == 1);
    }

    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(CrashRecoveryTest);
