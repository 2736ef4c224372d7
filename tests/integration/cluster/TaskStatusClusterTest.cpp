//
// TaskStatusClusterTest.cpp
//

#include "ClusterNodes.h"
#include "FeedPlugins.h"
#include "HttpCall.h"
#include "PollClient.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>

namespace
{

const std::string TOKEN = "cluster-task-token";

std::string tasksIni()
{
    return FeedPlugins::feedsSection("task_status") + "[feed.task_status]\ntasks = build\ntoken = " + TOKEN +
           "\n";
}

HttpCall::Result update(const TestDaemon& node, const std::string& status)
{
    return HttpCall::post(node.port(), "/update-status", "{\"task\":\"build\",\"status\":\"" + status + "\"}",
                          "application/json", {{"Authorization", "Bearer " + TOKEN}});
}

Poco::JSON::Object::Ptr build(const TestDaemon& node)
{
    const HttpCall::Result list = HttpCall::get(node.port(), "/api/tasks");
    const Poco::JSON::Array::Ptr tasks = Poco::JSON::Parser()
                                             .parse(list.body)
                                             .extract<Poco::JSON::Object::Ptr>()
                                             ->getArray("tasks");
    for (std::size_t i = 0; i < tasks->size(); ++i)
    {
        if (tasks->getObject(i)->getValue<std::string>("task") == "build")
            return tasks->getObject(i);
    }
    return nullptr;
}

} // namespace

class TaskStatusClusterTest : public CppUnit::TestFixture
    /// The task status feed on two hubs of one redis-server: one board, and a
    /// long poll on one hub woken by an update on the other.
{
    CPPUNIT_TEST_SUITE(TaskStatusClusterTest);
    CPPUNIT_TEST(testUpdateOnOneHubWakesAPollOnTheOther);
    CPPUNIT_TEST(testUpdatesOnBothHubsCountOneVersion);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _redis = std::make_unique<RedisServer>();
        _a = std::make_unique<TestDaemon>(ClusterNodes::node(*_redis, "a"), tasksIni());
        _b = std::make_unique<TestDaemon>(ClusterNodes::node(*_redis, "b"), tasksIni());
        for (const TestDaemon* node : {_a.get(), _b.get()})
        {
            ClusterNodes::waitHealthy(*node);
            CPPUNIT_ASSERT_MESSAGE(node->log(), node->logContains("feed task_status started"));
        }
    }

    void tearDown() override
    {
        _b.reset();
        _a.reset();
        _redis.reset();
    }

    void testUpdateOnOneHubWakesAPollOnTheOther()
    {
        const TestDaemon& a = *_a;
        const TestDaemon& b = *_b;
        // Both declared the task; it was made once.
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), build(b)->getValue<Poco::Int64>("version"));

        PollClient poll(b.port());
        poll.send("GET", "/poll-status?task=build&last_version=1");
        CPPUNIT_ASSERT(!poll.responseArrives(300));
        CPPUNIT_ASSERT_EQUAL(200, update(a, "running").status);
        const Poco::JSON::Object::Ptr woken = poll.receive().json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("running"), woken->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), woken->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("running"), build(b)->getValue<std::string>("status"));
    }

    void testUpdatesOnBothHubsCountOneVersion()
    {
        const TestDaemon& a = *_a;
        const TestDaemon& b = *_b;
        for (int i = 0; i < 10; ++i)
        {
            const TestDaemon& node = i % 2 ? b : a;
            const HttpCall::Result made = update(node, i % 3 ? "running" : "done");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(made.body, 200, made.status);
            CPPUNIT_ASSERT_EQUAL(Poco::Int64(i + 2), Poco::JSON::Parser()
                                                         .parse(made.body)
                                                         .extract<Poco::JSON::Object::Ptr>()
                                                         ->getValue<Poco::Int64>("version"));
        }
        // Each hub's copy follows the other's updates.
        PollClient pollA(a.port());
        pollA.send("GET", "/poll-status?task=build&last_version=10");
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(11),
                             pollA.receive().json().extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>(
                                 "version"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(11), build(b)->getValue<Poco::Int64>("version"));
    }

private:
    std::unique_ptr<RedisServer> _redis;
    std::unique_ptr<TestDaemon> _a;
    std::unique_ptr<TestDaemon> _b;
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskStatusClusterTest);
