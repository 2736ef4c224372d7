//
// CompatibilityRoutesTest.cpp
//
// The shipped etc/hub.ini mounts the routes pages written for simpler servers
// already use; they must work unchanged.
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/AutoPtr.h"
#include "Poco/File.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>
#include <sstream>

class CompatibilityRoutesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CompatibilityRoutesTest);
    CPPUNIT_TEST(testStreamOfQuotesForOnMessage);
    CPPUNIT_TEST(testEventsWelcomeAndNotify);
    CPPUNIT_TEST(testUpdateAndPollStatus);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _dir = TestDaemon::makeTempDir();
        const std::string shipped = TestDaemon::sourceDir() + "/etc/hub.ini";
        Poco::AutoPtr<Poco::Util::IniFileConfiguration> config(new Poco::Util::IniFileConfiguration(shipped));
        _token = config->getString("feed.task_status.token");
        std::ifstream in(shipped);
        std::ostringstream text;
        text << in.rdbuf();
        // The shipped file as it is, but listening on loopback, with this
        // build's plugins and a database of the test's own.
        _ini = text.str() + "\n[server]\naddress = 127.0.0.1\n[feeds]\nplugin_dir = " + FeedPlugins::dir() +
               "\n[feed.task_status]\ndatabase = " + _dir + "/tasks.db\n[history]\ndatabase = " + _dir +
               "/history.db\n";
    }

    void tearDown() override { Poco::File(_dir).remove(true); }

    void testStreamOfQuotesForOnMessage()
    {
        TestDaemon hub({}, _ini);
        SseClient client(hub.port(), "/stream");
        const SseClient::Event event = client.expect(10000);
        CPPUNIT_ASSERT_EQUAL(std::string("message"), event.type);
        const Poco::JSON::Object::Ptr quote = json(event.data);
        CPPUNIT_ASSERT(quote->has("symbol") && quote->has("price") && quote->has("change"));
    }

    void testEventsWelcomeAndNotify()
    {
        TestDaemon hub({}, _ini);
        SseClient client(hub.port(), "/events");
        const SseClient::Event welcome = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("connection"), welcome.type);
        CPPUNIT_ASSERT_EQUAL(1, json(welcome.data)->getValue<int>("subscribers"));

        const HttpCall::Result result = HttpCall::post(
            hub.port(), "/api/notify", "{\"type\":\"user_joined\",\"message\":\"Ann joined\"}");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(1, json(result.body)->getValue<int>("sentTo"));
        // The shipped configuration also simulates notifications; find ours.
        for (;;)
        {
            const SseClient::Event event = client.expect(10000);
            if (json(event.data)->getValue<std::string>("message") != "Ann joined")
                continue;
            CPPUNIT_ASSERT_EQUAL(std::string("user_joined"), event.type);
            break;
        }
    }

    void testUpdateAndPollStatus()
    {
        TestDaemon hub({}, _ini);
        CPPUNIT_ASSERT_EQUAL(401,
                             HttpCall::post(hub.port(), "/update-status", "{\"status\":\"running\"}").status);
        const Poco::JSON::Object::Ptr first = json(update(hub, "running").body);
        const int version = first->getValue<int>("version");

        const Poco::JSON::Object::Ptr now =
            json(HttpCall::get(hub.port(), "/poll-status?last_version=0").body);
        CPPUNIT_ASSERT_EQUAL(std::string("running"), now->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(version, now->getValue<int>("version"));

        PollClient poll(hub.port());
        poll.send("GET", "/poll-status?last_version=" + std::to_string(version));
        CPPUNIT_ASSERT(!poll.responseArrives(300));
        update(hub, "done");
        const Poco::JSON::Object::Ptr next = poll.receive().json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("done"), next->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(version + 1, next->getValue<int>("version"));

        const Poco::JSON::Object::Ptr list = json(HttpCall::get(hub.port(), "/api/tasks").body);
        CPPUNIT_ASSERT_EQUAL(4u, static_cast<unsigned>(list->getArray("statuses")->size()));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(list->getArray("tasks")->size()));
    }

private:
    HttpCall::Result update(const TestDaemon& hub, const std::string& status) const
    {
        return HttpCall::post(hub.port(), "/update-status", "{\"status\":\"" + status + "\"}",
                              "application/json", {{"Authorization", "Bearer " + _token}});
    }

    static Poco::JSON::Object::Ptr json(const std::string& text)
    {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    }

    std::string _dir;
    std::string _token;
    std::string _ini;
};

CPPUNIT_TEST_SUITE_REGISTRATION(CompatibilityRoutesTest);
