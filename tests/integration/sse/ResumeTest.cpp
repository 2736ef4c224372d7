//
// ResumeTest.cpp
//

#include "HttpCall.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <atomic>
#include <cppunit/extensions/HelperMacros.h>
#include <mutex>
#include <thread>

namespace
{

std::vector<std::string> publishMany(Poco::UInt16 port, const std::string& topic, int count)
{
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i)
        ids.push_back(HttpCall::publish(port, topic, std::to_string(i)));
    return ids;
}

void expectIds(SseClient& client, const std::vector<std::string>& ids)
{
    for (const std::string& id : ids)
        CPPUNIT_ASSERT_EQUAL(id, client.expect().id);
}

} // namespace

class ResumeTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ResumeTest);
    CPPUNIT_TEST(testResumeWithHeader);
    CPPUNIT_TEST(testResumeWithQueryParameter);
    CPPUNIT_TEST(testHeaderWinsOverParameter);
    CPPUNIT_TEST(testResumeWithBareSequence);
    CPPUNIT_TEST(testResumeSeveralTopicsInOrder);
    CPPUNIT_TEST(testResumeFromNewestSendsOnlyLive);
    CPPUNIT_TEST(testResumeFromFutureIdGoesLive);
    CPPUNIT_TEST(testResumeOlderThanHistoryIsTruncated);
    CPPUNIT_TEST(testResumeJustInsideHistoryIsNotTruncated);
    CPPUNIT_TEST(testNoGapNoDuplicateWhilePublishing);
    CPPUNIT_TEST_SUITE_END();

public:
    void testResumeWithHeader()
    {
        TestDaemon hub;
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 4);
        SseClient client(hub.port(), "/events?topic=r", {{"Last-Event-ID", ids[1]}});
        expectIds(client, {ids[2], ids[3]});
        const std::string live = HttpCall::publish(hub.port(), "r", "live");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(live, event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("live"), event.data);
    }

    void testResumeWithQueryParameter()
    {
        TestDaemon hub;
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 4);
        SseClient client(hub.port(), "/events?topic=r&lastEventId=" + ids[0]);
        const SseClient::Event replayed = client.expect();
        CPPUNIT_ASSERT_EQUAL(ids[1], replayed.id);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), replayed.data);
        expectIds(client, {ids[2], ids[3]});
        const std::string live = HttpCall::publish(hub.port(), "r", "live");
        CPPUNIT_ASSERT_EQUAL(live, client.expect().id);
    }

    void testHeaderWinsOverParameter()
    {
        // A browser reconnecting sends the header with the URL it first used.
        TestDaemon hub;
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 4);
        SseClient client(hub.port(), "/events?topic=r&lastEventId=" + ids[0], {{"Last-Event-ID", ids[2]}});
        expectIds(client, {ids[3]});
    }

    void testResumeWithBareSequence()
    {
        TestDaemon hub;
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 3);
        const std::string sequence = ids[0].substr(ids[0].rfind(':') + 1);
        SseClient client(hub.port(), "/events?topic=r&lastEventId=" + sequence);
        expectIds(client, {ids[1], ids[2]});
    }

    void testResumeSeveralTopicsInOrder()
    {
        TestDaemon hub;
        const std::string a0 = HttpCall::publish(hub.port(), "a", "a0");
        const std::string b1 = HttpCall::publish(hub.port(), "b", "b1");
        HttpCall::publish(hub.port(), "c", "c2");
        const std::string a3 = HttpCall::publish(hub.port(), "a", "a3");
        const std::string b4 = HttpCall::publish(hub.port(), "b", "b4");
        // One id says where the client stands on every topic of the connection.
        SseClient client(hub.port(), "/events?topic=b&topic=a", {{"Last-Event-ID", a0}});
        expectIds(client, {b1, a3, b4});
    }

    void testResumeFromNewestSendsOnlyLive()
    {
        TestDaemon hub;
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 3);
        SseClient client(hub.port(), "/events?topic=r", {{"Last-Event-ID", ids[2]}});
        SseClient::Event event;
        CPPUNIT_ASSERT(!client.next(event, 300));
        const std::string live = HttpCall::publish(hub.port(), "r", "live");
        CPPUNIT_ASSERT_EQUAL(live, client.expect().id);
    }

    void testResumeFromFutureIdGoesLive()
    {
        TestDaemon hub;
        publishMany(hub.port(), "r", 2);
        SseClient client(hub.port(), "/events?topic=r", {{"Last-Event-ID", "r:99999999999999999"}});
        const std::string live = HttpCall::publish(hub.port(), "r", "live");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(live, event.id);
    }

    void testResumeOlderThanHistoryIsTruncated()
    {
        TestDaemon hub(TestDaemon::Settings{{"history.max_events", "5"}});
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 10);
        SseClient client(hub.port(), "/events?topic=r", {{"Last-Event-ID", ids[0]}});
        const SseClient::Event notice = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("feedhub.truncated"), notice.type);
        CPPUNIT_ASSERT(notice.data.find(ids[0].substr(ids[0].rfind(':') + 1)) != std::string::npos);
        expectIds(client, {ids[5], ids[6], ids[7], ids[8], ids[9]});
        const std::string live = HttpCall::publish(hub.port(), "r", "live");
        CPPUNIT_ASSERT_EQUAL(live, client.expect().id);
    }

    void testResumeJustInsideHistoryIsNotTruncated()
    {
        TestDaemon hub(TestDaemon::Settings{{"history.max_events", "5"}});
        const std::vector<std::string> ids = publishMany(hub.port(), "r", 10);
        SseClient client(hub.port(), "/events?topic=r", {{"Last-Event-ID", ids[4]}});
        const SseClient::Event first = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("message"), first.type);
        CPPUNIT_ASSERT_EQUAL(ids[5], first.id);
        expectIds(client, {ids[6], ids[7], ids[8], ids[9]});
    }

    void testNoGapNoDuplicateWhilePublishing()
    {
        constexpr int EVENTS = 400;
        constexpr int RESUMERS = 6;
        TestDaemon hub;
        std::mutex mutex;
        std::vector<std::string> ids;
        std::atomic<bool> failed{false};
        std::thread publisher([&] {
            try
            {
                for (int i = 0; i < EVENTS; ++i)
                {
                    const std::string id = HttpCall::publish(hub.port(), "busy", std::to_string(i));
                    std::lock_guard<std::mutex> lock(mutex);
                    ids.push_back(id);
                }
            }
            catch (...)
            {
                failed = true;
            }
        });
        auto published = [&] {
            std::lock_guard<std::mutex> lock(mutex);
            return ids;
        };

        // Clients resume at different points while events keep coming.
        for (int r = 0; r < RESUMERS && !failed; ++r)
        {
            std::vector<std::string> sofar = published();
            while (sofar.size() < static_cast<std::size_t>(10 + r * 50) && !failed)
            {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                sofar = published();
            }
            const std::size_t from = sofar.size() - 5;
            SseClient client(hub.port(), "/events?topic=busy", {{"Last-Event-ID", sofar[from]}});
            for (int expected = static_cast<int>(from) + 1; expected < EVENTS; ++expected)
            {
                const SseClient::Event event = client.expect(10000);
                CPPUNIT_ASSERT_EQUAL(std::to_string(expected), event.data);
                if (expected > static_cast<int>(from) + 100)
                    break;
            }
        }
        publisher.join();
        CPPUNIT_ASSERT(!failed);

        // After the burst, one more client resuming from the start gets all, once each.
        SseClient last(hub.port(), "/events?topic=busy", {{"Last-Event-ID", ids.front()}});
        for (int i = 1; i < EVENTS; ++i)
        {
            const SseClient::Event event = last.expect();
            CPPUNIT_ASSERT_EQUAL(ids[i], event.id);
            CPPUNIT_ASSERT_EQUAL(std::to_string(i), event.data);
        }
        SseClient::Event extra;
        CPPUNIT_ASSERT(!last.next(extra, 300));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResumeTest);
