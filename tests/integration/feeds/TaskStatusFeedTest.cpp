//
// TaskStatusFeedTest.cpp
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/File.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <regex>

class TaskStatusFeedTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TaskStatusFeedTest);
    CPPUNIT_TEST(testUpdateNeedsBearerToken);
    CPPUNIT_TEST(testUpdateDefaultTask);
    CPPUNIT_TEST(testUpdateNamedTaskCreatesIt);
    CPPUNIT_TEST(testInvalidUpdatesChangeNothing);
    CPPUNIT_TEST(testPollAnswersAtOnceWhenNewer);
    CPPUNIT_TEST(testPollWakesOnUpdate);
    CPPUNIT_TEST(testPollTimesOutWith204);
    CPPUNIT_TEST(testPollForTaskNotYetCreated);
    CPPUNIT_TEST(testPollRefusesBadVersion);
    CPPUNIT_TEST(testTaskListForPages);
    CPPUNIT_TEST(testEveryChangeIsAnEvent);
    CPPUNIT_TEST(testStateSurvivesDaemonRestart);
    CPPUNIT_TEST(testFeedWithoutTokenDoesNotStart);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testUpdateNeedsBearerToken()
    {
        TestDaemon hub({}, tasksIni(""));
        HttpCall::Result result = HttpCall::post(hub.port(), "/update-status", "{\"status\":\"running\"}");
        CPPUNIT_ASSERT_EQUAL(401, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("a bearer token is required: send Authorization: Bearer <token>"),
                             result.jsonString("error"));
        CPPUNIT_ASSERT(result.response.get("WWW-Authenticate").rfind("Bearer", 0) == 0);

        result = update(hub, "{\"status\":\"running\"}", "wrong");
        CPPUNIT_ASSERT_EQUAL(401, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("the bearer token is not valid"), result.jsonString("error"));

        result = HttpCall::post(hub.port(), "/update-status", "{\"status\":\"running\"}", "application/json",
                                {{"Authorization", "Basic dXNlcjpwYXNz"}});
        CPPUNIT_ASSERT_EQUAL(401, result.status);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), task(hub, "default")->getValue<Poco::Int64>("version"));
    }

    void testUpdateDefaultTask()
    {
        TestDaemon hub({}, tasksIni(""));
        const HttpCall::Result result = update(hub, "{\"status\":\"running\"}");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        const Poco::JSON::Object::Ptr answer = json(result.body);
        CPPUNIT_ASSERT(answer->getValue<bool>("success"));
        CPPUNIT_ASSERT_EQUAL(std::string("default"), answer->getValue<std::string>("task"));
        CPPUNIT_ASSERT_EQUAL(std::string("running"), answer->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), answer->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), answer->getValue<std::string>("time").size());
        CPPUNIT_ASSERT_EQUAL(
            Poco::Int64(3),
            json(update(hub, "{\"status\":\"done\"}").body)->getValue<Poco::Int64>("version"));
    }

    void testUpdateNamedTaskCreatesIt()
    {
        TestDaemon hub({}, tasksIni(""));
        const Poco::JSON::Object::Ptr answer =
            json(update(hub, "{\"task\":\"nightly\",\"status\":\"failed\"}").body);
        CPPUNIT_ASSERT_EQUAL(std::string("nightly"), answer->getValue<std::string>("task"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), answer->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), task(hub, "nightly")->getValue<std::string>("status"));
    }

    void testInvalidUpdatesChangeNothing()
    {
        TestDaemon hub({}, tasksIni(""));
        expectError(update(hub, "{\"status\":\"exploded\"}"), 400,
                    "\"status\" must be one of: pending, running, done, failed");
        expectError(update(hub, "{}"), 400, "\"status\" is required");
        expectError(update(hub, "{\"status\":3}"), 400, "\"status\" must be a string");
        expectError(update(hub, "{\"task\":\"a b\",\"status\":\"done\"}"), 400, "\"task\" must be 1 to 64");
        expectError(update(hub, "[\"done\"]"), 400, "the body must be a JSON object");
        expectError(update(hub, "{\"status\":"), 400, "malformed JSON");
        const Poco::JSON::Object::Ptr state = task(hub, "default");
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), state->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), state->getValue<Poco::Int64>("version"));
    }

    void testPollAnswersAtOnceWhenNewer()
    {
        TestDaemon hub({}, tasksIni(""));
        update(hub, "{\"status\":\"running\"}");
        const HttpCall::Result result = HttpCall::get(hub.port(), "/poll-status?last_version=1");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        const Poco::JSON::Object::Ptr state = json(result.body);
        CPPUNIT_ASSERT_EQUAL(std::string("running"), state->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), state->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("default"), state->getValue<std::string>("task"));
        // Without last_version a client gets the current state at once.
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/poll-status").status);
    }

    void testPollWakesOnUpdate()
    {
        TestDaemon hub({}, tasksIni(""));
        update(hub, "{\"task\":\"build\",\"status\":\"running\"}");
        PollClient poll(hub.port());
        poll.send("GET", "/poll-status?task=build&last_version=1");
        CPPUNIT_ASSERT(!poll.responseArrives(300));
        update(hub, "{\"task\":\"other\",\"status\":\"done\"}");
        CPPUNIT_ASSERT(!poll.responseArrives(300));
        update(hub, "{\"task\":\"build\",\"status\":\"done\"}");
        const PollClient::Response response = poll.receive();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        const Poco::JSON::Object::Ptr state = response.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("done"), state->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), state->getValue<Poco::Int64>("version"));

        // The connection carries the next poll.
        poll.send("GET", "/poll-status?task=build&last_version=2");
        CPPUNIT_ASSERT(!poll.responseArrives(200));
        update(hub, "{\"task\":\"build\",\"status\":\"failed\"}");
        CPPUNIT_ASSERT_EQUAL(
            Poco::Int64(3),
            poll.receive().json().extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>("version"));
    }

    void testPollTimesOutWith204()
    {
        TestDaemon hub({}, tasksIni("poll_timeout_seconds = 1\n"));
        const HttpCall::Result result = HttpCall::get(hub.port(), "/poll-status?last_version=1");
        CPPUNIT_ASSERT_EQUAL(204, result.status);
        CPPUNIT_ASSERT(result.body.empty());
    }

    void testPollForTaskNotYetCreated()
    {
        TestDaemon hub({}, tasksIni(""));
        PollClient poll(hub.port());
        poll.send("GET", "/poll-status?task=release&last_version=0");
        CPPUNIT_ASSERT(!poll.responseArrives(300));
        update(hub, "{\"task\":\"release\",\"status\":\"running\"}");
        const Poco::JSON::Object::Ptr state = poll.receive().json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("release"), state->getValue<std::string>("task"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), state->getValue<Poco::Int64>("version"));
    }

    void testPollRefusesBadVersion()
    {
        TestDaemon hub({}, tasksIni(""));
        expectError(HttpCall::get(hub.port(), "/poll-status?last_version=abc"), 400,
                    "last_version must be a whole number");
        expectError(HttpCall::get(hub.port(), "/poll-status?task=a/b"), 400, "\"task\" must be 1 to 64");
        expectError(HttpCall::get(hub.port(), "/poll-status?last_versoin=3"), 400,
                    "unknown query parameter 'last_versoin'");
        // A client that has seen nothing may say so with a negative version: it
        // gets the current status at once instead of an error it would loop on.
        const HttpCall::Result seenNothing = HttpCall::get(hub.port(), "/poll-status?last_version=-1");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(seenNothing.body, 200, seenNothing.status);
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), json(seenNothing.body)->getValue<std::string>("status"));
    }

    void testTaskListForPages()
    {
        TestDaemon hub({}, tasksIni("tasks = build, deploy\nstatuses = queued, busy, ok\n"));
        update(hub, "{\"task\":\"deploy\",\"status\":\"busy\"}");
        const Poco::JSON::Object::Ptr list = json(HttpCall::get(hub.port(), "/api/tasks").body);
        const Poco::JSON::Array::Ptr statuses = list->getArray("statuses");
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(statuses->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("queued"), statuses->getElement<std::string>(0));
        const Poco::JSON::Array::Ptr tasks = list->getArray("tasks");
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(tasks->size()));
        const Poco::JSON::Object::Ptr build = tasks->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("build"), build->getValue<std::string>("task"));
        CPPUNIT_ASSERT_EQUAL(std::string("queued"), build->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), build->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT(build->has("time"));
        const Poco::JSON::Object::Ptr deploy = tasks->getObject(1);
        CPPUNIT_ASSERT_EQUAL(std::string("busy"), deploy->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), deploy->getValue<Poco::Int64>("version"));
    }

    void testEveryChangeIsAnEvent()
    {
        TestDaemon hub({}, tasksIni(""));
        SseClient client(hub.port(), "/events?topic=tasks");
        update(hub, "{\"status\":\"running\"}");
        update(hub, "{\"status\":\"done\"}");
        for (const auto& [status, version] : {std::pair<std::string, int>{"running", 2}, {"done", 3}})
        {
            const SseClient::Event event = client.expect();
            CPPUNIT_ASSERT_EQUAL(std::string("task_status"), event.type);
            const Poco::JSON::Object::Ptr data = json(event.data);
            CPPUNIT_ASSERT_EQUAL(std::string("default"), data->getValue<std::string>("task"));
            CPPUNIT_ASSERT_EQUAL(status, data->getValue<std::string>("status"));
            CPPUNIT_ASSERT_EQUAL(version, data->getValue<int>("version"));
            CPPUNIT_ASSERT(data->has("time"));
        }
    }

    void testStateSurvivesDaemonRestart()
    {
        // Both hubs keep their journal, and the feed's state beside it, in one folder.
        const TestDaemon::Settings sameFolder{{"history.database", _dir + "/history.db"}};
        std::string time;
        {
            TestDaemon hub(sameFolder, tasksIni(""));
            update(hub, "{\"status\":\"running\"}");
            time = json(update(hub, "{\"status\":\"failed\"}").body)->getValue<std::string>("time");
            update(hub, "{\"task\":\"nightly\",\"status\":\"done\"}");
            CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        }
        TestDaemon hub(sameFolder, tasksIni(""));
        const Poco::JSON::Object::Ptr state = task(hub, "default");
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), state->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), state->getValue<Poco::Int64>("version"));
        CPPUNIT_ASSERT_EQUAL(time, state->getValue<std::string>("time"));
        CPPUNIT_ASSERT_EQUAL(std::string("done"), task(hub, "nightly")->getValue<std::string>("status"));
        // A poller that saw version 3 before the restart keeps waiting; the next change is 4.
        PollClient poll(hub.port());
        poll.send("GET", "/poll-status?last_version=3");
        CPPUNIT_ASSERT(!poll.responseArrives(300));
        update(hub, "{\"status\":\"running\"}");
        CPPUNIT_ASSERT_EQUAL(
            Poco::Int64(4),
            poll.receive().json().extract<Poco::JSON::Object::Ptr>()->getValue<Poco::Int64>("version"));
    }

    void testFeedWithoutTokenDoesNotStart()
    {
        TestDaemon hub({}, FeedPlugins::feedsSection("task_status") +
                               "[feed.task_status]\n");
        // No token line: the message points at the feed's section.
        const std::regex refusal("feed task_status failed and is not running: .*/hub[.]ini:[0-9]+: "
                                 "feed[.]task_status[.]token must be set");
        CPPUNIT_ASSERT_MESSAGE(hub.log(), std::regex_search(hub.log(), refusal));
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/api/tasks").status);
    }

private:
    std::string tasksIni(const std::string& extra) const
    {
        return FeedPlugins::feedsSection("task_status") + "[feed.task_status]\ntoken = " + TOKEN + "\n" + extra;
    }

    static HttpCall::Result update(const TestDaemon& hub, const std::string& body,
                                   const std::string& token = TOKEN)
    {
        return HttpCall::post(hub.port(), "/update-status", body, "application/json",
                              {{"Authorization", "Bearer " + token}});
    }

    static Poco::JSON::Object::Ptr task(const TestDaemon& hub, const std::string& name)
    {
        const Poco::JSON::Array::Ptr tasks =
            json(HttpCall::get(hub.port(), "/api/tasks").body)->getArray("tasks");
        for (std::size_t i = 0; i < tasks->size(); ++i)
        {
            const Poco::JSON::Object::Ptr state = tasks->getObject(static_cast<unsigned>(i));
            if (state->getValue<std::string>("task") == name)
                return state;
        }
        CPPUNIT_FAIL("no task " + name);
        return nullptr;
    }

    static Poco::JSON::Object::Ptr json(const std::string& text)
    {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    }

    static void expectError(const HttpCall::Result& result, int status, const std::string& message)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, status, result.status);
        CPPUNIT_ASSERT_MESSAGE(result.body, result.jsonString("error").find(message) == 0);
    }

    static inline const std::string TOKEN = "test-token";
    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskStatusFeedTest);
