//
// ClusterDeliveryTest.cpp
//

#include "ClusterNodes.h"
#include "HttpCall.h"
#include "PollClient.h"
#include "bus/EventCursor.h"
#include <cppunit/extensions/HelperMacros.h>
#include <thread>
#include <chrono>
#include <csignal>

namespace
{

const std::string TOPICS = "topic=news&topic=alerts";

std::vector<std::string> publishSome(const TestDaemon& node, int count, const std::string& tag)
{
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i)
        ids.push_back(HttpCall::publish(node.port(), i % 2 ? "alerts" : "news", tag + std::to_string(i)));
    return ids;
}

std::string before(const std::string& id)
{
    return std::to_string(feedhub::EventCursor::parse(id) - 1);
}

} // namespace

class ClusterDeliveryTest : public CppUnit::TestFixture
    /// Three hubs on one real redis-server: one order on every node, resume
    /// on another node after a kill -9, history served by a node started later.
{
    CPPUNIT_TEST_SUITE(ClusterDeliveryTest);
    CPPUNIT_TEST(testEveryNodeDeliversEveryEventInOneOrder);
    CPPUNIT_TEST(testSubscribersOfAKilledNodeResumeOnAnother);
    CPPUNIT_TEST(testANodeStartedLaterServesEarlierHistory);
    CPPUNIT_TEST(testResumeBeyondHistorySaysTruncated);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryNodeDeliversEveryEventInOneOrder()
    {
        RedisServer redis;
        TestDaemon a(ClusterNodes::node(redis, "a"));
        TestDaemon b(ClusterNodes::node(redis, "b"));
        TestDaemon c(ClusterNodes::node(redis, "c"));
        for (const TestDaemon* node : {&a, &b, &c})
            ClusterNodes::waitHealthy(*node);
        const std::string start = HttpCall::publish(a.port(), "news", "start");
        SseClient onB(b.port(), "/events?" + TOPICS, {{"Last-Event-ID", start}});
        SseClient onC(c.port(), "/events?" + TOPICS, {{"Last-Event-ID", start}});
        CPPUNIT_ASSERT_EQUAL(200, onB.status());
        CPPUNIT_ASSERT_EQUAL(200, onC.status());

        const std::vector<std::string> published = publishSome(a, 40, "event ");
        CPPUNIT_ASSERT(ClusterNodes::readSse(onB, published.size()) == published);
        CPPUNIT_ASSERT(ClusterNodes::readSse(onC, published.size()) == published);
        for (const TestDaemon* node : {&b, &c})
        {
            std::string cursor = start;
            CPPUNIT_ASSERT(ClusterNodes::poll(node->port(), TOPICS, cursor, published.back()) == published);
            CPPUNIT_ASSERT_EQUAL(feedhub::EventCursor::parse(published.back()), feedhub::EventCursor::parse(cursor));
        }
        // Publishing on another node keeps the one order.
        const std::string fromC = HttpCall::publish(c.port(), "alerts", "from c");
        CPPUNIT_ASSERT(feedhub::EventCursor::parse(fromC) > feedhub::EventCursor::parse(published.back()));
        CPPUNIT_ASSERT_EQUAL(fromC, ClusterNodes::readSse(onB, 1).front());
        CPPUNIT_ASSERT_EQUAL(fromC, ClusterNodes::readSse(onC, 1).front());
    }

    void testSubscribersOfAKilledNodeResumeOnAnother()
    {
        RedisServer redis;
        TestDaemon a(ClusterNodes::node(redis, "a"));
        TestDaemon b(ClusterNodes::node(redis, "b"));
        TestDaemon c(ClusterNodes::node(redis, "c"));
        for (const TestDaemon* node : {&a, &b, &c})
            ClusterNodes::waitHealthy(*node);
        const std::string start = HttpCall::publish(a.port(), "news", "start");
        SseClient streamed(b.port(), "/events?" + TOPICS, {{"Last-Event-ID", start}});
        const std::vector<std::string> first = publishSome(a, 10, "before ");
        CPPUNIT_ASSERT(ClusterNodes::readSse(streamed, first.size()) == first);
        std::string cursor = start;
        CPPUNIT_ASSERT(ClusterNodes::poll(b.port(), TOPICS, cursor, first.back()) == first);

        b.signal(SIGKILL);
        CPPUNIT_ASSERT(streamed.waitForClose(5000));
        const std::vector<std::string> second = publishSome(a, 10, "after ");

        SseClient resumed(c.port(), "/events?" + TOPICS, {{"Last-Event-ID", streamed.lastEventId()}});
        CPPUNIT_ASSERT(ClusterNodes::readSse(resumed, second.size()) == second);
        CPPUNIT_ASSERT(ClusterNodes::poll(c.port(), TOPICS, cursor, second.back()) == second);
    }

    void testANodeStartedLaterServesEarlierHistory()
    {
        RedisServer redis;
        std::vector<std::string> published;
        {
            TestDaemon a(ClusterNodes::node(redis, "a"));
            ClusterNodes::waitHealthy(a);
            published = publishSome(a, 20, "early ");
        }
        TestDaemon late(ClusterNodes::node(redis, "late"));
        ClusterNodes::waitHealthy(late);
        SseClient replayed(late.port(), "/events?" + TOPICS, {{"Last-Event-ID", before(published.front())}});
        CPPUNIT_ASSERT(ClusterNodes::readSse(replayed, published.size()) == published);
        std::string cursor = before(published.front());
        CPPUNIT_ASSERT(ClusterNodes::poll(late.port(), TOPICS, cursor, published.back()) == published);

        // The newest event of each topic, and the topics with what they hold.
        PollClient newest(late.port());
        const PollClient::Response current = newest.get("/poll?" + TOPICS + "&timeout=1");
        CPPUNIT_ASSERT_EQUAL(200, current.status);
        CPPUNIT_ASSERT(current.eventIds() ==
                       std::vector<std::string>(published.end() - 2, published.end()));
        const HttpCall::Result topics = HttpCall::get(late.port(), "/topics");
        CPPUNIT_ASSERT_EQUAL(200, topics.status);
        CPPUNIT_ASSERT(topics.body.find("\"name\":\"news\"") != std::string::npos);
        CPPUNIT_ASSERT(topics.body.find("\"held\":10") != std::string::npos);
    }

    void testResumeBeyondHistorySaysTruncated()
    {
        RedisServer redis;
        TestDaemon::Settings settings = ClusterNodes::node(redis, "a");
        settings["history.max_events"] = "5";
        TestDaemon a(settings);
        settings["cluster.node_name"] = "b";
        TestDaemon b(settings);
        ClusterNodes::waitHealthy(a);
        ClusterNodes::waitHealthy(b);
        std::vector<std::string> published;
        for (int i = 0; i < 12; ++i)
            published.push_back(HttpCall::publish(a.port(), "news", "event " + std::to_string(i)));
        const std::vector<std::string> kept(published.end() - 5, published.end());
        // B decides what was trimmed from the announcements it received: it must have them all first.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (HttpCall::get(b.port(), "/topics").body.find("\"lastId\":\"" + published.back() + "\"") ==
                   std::string::npos &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));

        SseClient resumed(b.port(), "/events?topic=news", {{"Last-Event-ID", before(published.front())}});
        CPPUNIT_ASSERT_EQUAL(std::string("feedhub.truncated"), resumed.expect().type);
        std::vector<std::string> streamed;
        for (std::size_t i = 0; i < kept.size(); ++i)
            streamed.push_back(resumed.expect().id);
        CPPUNIT_ASSERT(streamed == kept);

        PollClient poller(b.port());
        const PollClient::Response polled = poller.get("/poll?topic=news&timeout=1&since=" + before(published.front()));
        CPPUNIT_ASSERT_EQUAL(200, polled.status);
        CPPUNIT_ASSERT(polled.truncated());
        CPPUNIT_ASSERT(polled.eventIds() == kept);
        // Within what history holds, nothing is truncated.
        const PollClient::Response inside = poller.get("/poll?topic=news&timeout=1&since=" + before(kept.front()));
        CPPUNIT_ASSERT(!inside.truncated());
        CPPUNIT_ASSERT(inside.eventIds() == kept);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClusterDeliveryTest);
