//
// ClusterNodes.cpp
//

#include "ClusterNodes.h"
#include "HttpCall.h"
#include "Poco/Exception.h"
#include "Poco/Thread.h"
#include "PollClient.h"
#include "bus/EventCursor.h"
#include <cppunit/extensions/HelperMacros.h>
#include <set>

TestDaemon::Settings ClusterNodes::node(const RedisServer& redis, const std::string& name)
{
    return {{"cluster.backend", "redis"},     {"cluster.redis_url", redis.url()},
            {"cluster.key_prefix", "test:"}, {"cluster.node_name", name},
            {"cluster.timeout_ms", "400"},   {"sse.heartbeat_seconds", "0"}};
}

void ClusterNodes::waitHealthy(const TestDaemon& daemon, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 50)
    {
        if (HttpCall::get(daemon.port(), "/healthz").status == 200)
            return;
        Poco::Thread::sleep(50);
    }
    throw Poco::TimeoutException("the node on port " + std::to_string(daemon.port()) + " did not become healthy");
}

std::vector<std::string> ClusterNodes::readSse(SseClient& client, std::size_t count, int timeoutMs)
{
    std::vector<std::string> ids;
    while (ids.size() < count)
    {
        const SseClient::Event event = client.expect(timeoutMs);
        CPPUNIT_ASSERT_MESSAGE("history was truncated", event.type != "feedhub.truncated");
        ids.push_back(event.id);
    }
    return ids;
}

std::vector<std::string> ClusterNodes::readUntil(SseClient& client, const std::string& lastId, int timeoutMs)
{
    const std::uint64_t last = feedhub::EventCursor::parse(lastId);
    std::vector<std::string> ids;
    while (ids.empty() || feedhub::EventCursor::parse(ids.back()) < last)
    {
        const SseClient::Event event = client.expect(timeoutMs);
        CPPUNIT_ASSERT_MESSAGE("history was truncated", event.type != "feedhub.truncated");
        ids.push_back(event.id);
    }
    return ids;
}

std::vector<std::string> ClusterNodes::poll(Poco::UInt16 port, const std::string& topics, std::string& cursor,
                                            const std::string& lastId)
{
    const std::uint64_t last = feedhub::EventCursor::parse(lastId);
    PollClient poller(port);
    std::vector<std::string> ids;
    while (ids.empty() || feedhub::EventCursor::parse(ids.back()) < last)
    {
        const PollClient::Response response = poller.get("/poll?" + topics + "&timeout=5&since=" + cursor);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT(!response.truncated());
        for (const std::string& id : response.eventIds())
            ids.push_back(id);
        cursor = response.cursor();
    }
    return ids;
}

void ClusterNodes::checkOnceInOrder(const std::vector<std::string>& acknowledged, const std::vector<std::string>& got)
{
    for (std::size_t i = 1; i < got.size(); ++i)
        CPPUNIT_ASSERT_MESSAGE(got[i - 1] + " then " + got[i],
                               feedhub::EventCursor::parse(got[i - 1]) < feedhub::EventCursor::parse(got[i]));
    const std::set<std::string> received(got.begin(), got.end());
    for (const std::string& id : acknowledged)
        CPPUNIT_ASSERT_MESSAGE(id + " was acknowledged and not delivered", received.count(id) == 1);
}
