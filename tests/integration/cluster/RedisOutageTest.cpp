//
// RedisOutageTest.cpp
//

#include "ClusterNodes.h"
#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/JSON/Object.h"
#include "bus/EventCursor.h"
#include <atomic>
#include <chrono>
#include <cppunit/extensions/HelperMacros.h>
#include <mutex>
#include <sstream>
#include <thread>

namespace
{

std::string eventBody(int i)
{
    Poco::JSON::Object event;
    event.set("topic", "ticks");
    event.set("type", "message");
    event.set("data", "tick " + std::to_string(i));
    std::ostringstream body;
    event.stringify(body);
    return body.str();
}

} // namespace

class RedisOutageTest : public CppUnit::TestFixture
    /// Redis stops answering for two seconds (SIGSTOP) while a publisher
    /// sends 20 events/s: publishes in the gap get 503, /healthz is 503,
    /// subscribers stay connected, and every event answered 201 reaches every
    /// subscriber on every node once, in order.
{
    CPPUNIT_TEST_SUITE(RedisOutageTest);
    CPPUNIT_TEST(testNothingAcknowledgedIsLostOrRepeated);
    CPPUNIT_TEST(testNodeStartsWithoutRedisAndJoinsWhenItComes);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNothingAcknowledgedIsLostOrRepeated()
    {
        RedisServer redis;
        TestDaemon a(ClusterNodes::node(redis, "a"));
        TestDaemon b(ClusterNodes::node(redis, "b"));
        TestDaemon c(ClusterNodes::node(redis, "c"));
        for (const TestDaemon* node : {&a, &b, &c})
            ClusterNodes::waitHealthy(*node);
        const std::string start = HttpCall::publish(a.port(), "ticks", "start");
        std::vector<std::unique_ptr<SseClient>> subscribers;
        for (const TestDaemon* node : {&a, &b, &c})
            subscribers.push_back(std::make_unique<SseClient>(node->port(), "/events?topic=ticks",
                                                              std::map<std::string, std::string>{{"Last-Event-ID", start}}));

        std::mutex mutex;
        std::vector<std::string> acknowledged;
        std::atomic<int> refused{0};
        std::atomic<int> unexpected{0};
        std::atomic<bool> publishing{true};
        std::thread publisher([&] {
            auto next = std::chrono::steady_clock::now();
            for (int i = 0; publishing; ++i)
            {
                const HttpCall::Result result = HttpCall::post(a.port(), "/publish", eventBody(i));
                if (result.status == 201)
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    acknowledged.push_back(result.jsonString("id"));
                }
                else if (result.status == 503 && !result.jsonString("error").empty() &&
                         result.response.has("Retry-After"))
                    ++refused;
                else
                    ++unexpected;
                next += std::chrono::milliseconds(50);
                std::this_thread::sleep_until(next);
            }
        });
        std::atomic<bool> unhealthySeen{false};
        std::atomic<bool> watching{true};
        std::thread health([&] {
            while (watching)
            {
                const HttpCall::Result result = HttpCall::get(b.port(), "/healthz");
                if (result.status == 503 && !result.jsonString("error").empty())
                    unhealthySeen = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });

        std::this_thread::sleep_for(std::chrono::seconds(2));
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(b.port(), "feedhub_redis_up"));
        CPPUNIT_ASSERT_EQUAL(0.0, HubStatus::metric(b.port(), "feedhub_redis_disconnects_total"));
        redis.pause();
        std::this_thread::sleep_for(std::chrono::seconds(2));
        redis.resume();
        for (const TestDaemon* node : {&a, &b, &c})
            ClusterNodes::waitHealthy(*node);
        // /metrics tells the outage too: the link was lost once and is up again.
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(b.port(), "feedhub_redis_up"));
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(b.port(), "feedhub_redis_disconnects_total"));
        CPPUNIT_ASSERT(HubStatus::metric(a.port(), "feedhub_redis_round_trip_seconds_count") > 40);
        watching = false;
        health.join();
        std::this_thread::sleep_for(std::chrono::seconds(2));
        publishing = false;
        publisher.join();

        CPPUNIT_ASSERT_EQUAL(0, unexpected.load());
        CPPUNIT_ASSERT(refused > 0);
        CPPUNIT_ASSERT(unhealthySeen);
        CPPUNIT_ASSERT(acknowledged.size() > 40);
        for (auto& subscriber : subscribers)
            ClusterNodes::checkOnceInOrder(acknowledged, ClusterNodes::readUntil(*subscriber, acknowledged.back()));
        std::string cursor = start;
        ClusterNodes::checkOnceInOrder(
            acknowledged, ClusterNodes::poll(c.port(), "topic=ticks", cursor, acknowledged.back()));
    }

    void testNodeStartsWithoutRedisAndJoinsWhenItComes()
    {
        RedisServer redis;
        redis.pause();
        TestDaemon a(ClusterNodes::node(redis, "a"));
        const HttpCall::Result health = HttpCall::get(a.port(), "/healthz");
        CPPUNIT_ASSERT_EQUAL(503, health.status);
        CPPUNIT_ASSERT(!health.jsonString("error").empty());
        const HttpCall::Result refused = HttpCall::post(a.port(), "/publish", eventBody(0));
        CPPUNIT_ASSERT_EQUAL(503, refused.status);
        CPPUNIT_ASSERT(refused.jsonString("error").find("Redis") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0.0, HubStatus::metric(a.port(), "feedhub_redis_up"));
        redis.resume();
        ClusterNodes::waitHealthy(a);
        CPPUNIT_ASSERT_EQUAL(1.0, HubStatus::metric(a.port(), "feedhub_redis_up"));
        CPPUNIT_ASSERT(!HttpCall::publish(a.port(), "ticks", "now").empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisOutageTest);
