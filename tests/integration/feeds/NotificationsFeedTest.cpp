//
// NotificationsFeedTest.cpp
//

#include "FeedPlugins.h"
#include "HttpCall.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

class NotificationsFeedTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(NotificationsFeedTest);
    CPPUNIT_TEST(testNewSubscriberIsWelcomed);
    CPPUNIT_TEST(testWelcomeDoesNotMoveLastEventId);
    CPPUNIT_TEST(testNotifyReachesSubscribers);
    CPPUNIT_TEST(testNotifyValidation);
    CPPUNIT_TEST(testSimulatedNotifications);
    CPPUNIT_TEST(testSimulationAndWelcomeCanBeTurnedOff);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNewSubscriberIsWelcomed()
    {
        TestDaemon hub(DEFAULT_TOPICS, notificationsIni(""));
        SseClient first(hub.port(), "/events");
        const SseClient::Event welcome = first.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("connection"), welcome.type);
        const Poco::JSON::Object::Ptr data = json(welcome.data);
        CPPUNIT_ASSERT_EQUAL(1, data->getValue<int>("subscribers"));
        const std::string firstId = data->getValue<std::string>("clientId");
        CPPUNIT_ASSERT(!firstId.empty());

        SseClient second(hub.port(), "/events?topic=notifications");
        const Poco::JSON::Object::Ptr secondData = json(second.expect().data);
        CPPUNIT_ASSERT_EQUAL(2, secondData->getValue<int>("subscribers"));
        CPPUNIT_ASSERT(secondData->getValue<std::string>("clientId") != firstId);

        // Only the new subscriber is greeted.
        SseClient::Event event;
        CPPUNIT_ASSERT(!first.next(event, 300));

        // Subscribers of other topics are not.
        SseClient other(hub.port(), "/events?topic=news");
        CPPUNIT_ASSERT(!other.next(event, 300));
    }

    void testWelcomeDoesNotMoveLastEventId()
    {
        TestDaemon hub(DEFAULT_TOPICS, notificationsIni(""));
        SseClient client(hub.port(), "/events");
        client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string(), client.lastEventId());
        notify(hub, "{\"type\":\"notification\",\"message\":\"one\"}");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT(event.id.rfind("notifications:", 0) == 0);

        // A reconnect resumes after that id: the welcome again, then nothing missed and nothing repeated.
        notify(hub, "{\"type\":\"notification\",\"message\":\"two\"}");
        SseClient again(hub.port(), "/events", {{"Last-Event-ID", event.id}});
        const std::string second = again.expect().data;
        const std::string welcome = again.expect().type;
        CPPUNIT_ASSERT_EQUAL(std::string("two"), json(second)->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(std::string("connection"), welcome);
    }

    void testNotifyReachesSubscribers()
    {
        TestDaemon hub(DEFAULT_TOPICS, notificationsIni(""));
        SseClient client(hub.port(), "/events");
        client.expect();
        const HttpCall::Result result =
            notify(hub, "{\"type\":\"system_alert\",\"message\":\"Disk full\",\"data\":{\"disk\":\"/var\"}}");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        const Poco::JSON::Object::Ptr answer = json(result.body);
        CPPUNIT_ASSERT(answer->getValue<bool>("success"));
        CPPUNIT_ASSERT_EQUAL(1, answer->getValue<int>("sentTo"));
        CPPUNIT_ASSERT_EQUAL(std::string("system_alert"), answer->getValue<std::string>("event"));

        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("system_alert"), event.type);
        const Poco::JSON::Object::Ptr data = json(event.data);
        CPPUNIT_ASSERT_EQUAL(std::string("system_alert"), data->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("Disk full"), data->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(std::string("/var"), data->getObject("data")->getValue<std::string>("disk"));
        CPPUNIT_ASSERT(data->has("time"));
    }

    void testNotifyValidation()
    {
        TestDaemon hub(DEFAULT_TOPICS, notificationsIni(""));
        SseClient client(hub.port(), "/events");
        client.expect();
        expectError(notify(hub, "{\"message\":\"m\"}"), 400, "\"type\" is required");
        expectError(notify(hub, "{\"type\":\"notification\"}"), 400, "\"message\" is required");
        expectError(notify(hub, "{\"type\":\"party\",\"message\":\"m\"}"), 400,
                    "\"type\" must be one of: user_joined, message_received, system_alert, data_updated, "
                    "notification");
        expectError(notify(hub, "{\"type\":"), 400, "malformed JSON");
        expectError(HttpCall::post(hub.port(), "/api/notify", "type=x", "application/x-www-form-urlencoded"),
                    415, "Content-Type must be application/json");
        expectError(HttpCall::get(hub.port(), "/api/notify"), 405,
                    "method GET is not allowed here; use POST");
        // Nothing was published.
        SseClient::Event event;
        CPPUNIT_ASSERT(!client.next(event, 300));
    }

    void testSimulatedNotifications()
    {
        TestDaemon hub(DEFAULT_TOPICS, notificationsIni("simulate = true\nsimulate_interval_ms = 30\n"
                                                        "types = deploy, user_joined\n"));
        SseClient client(hub.port(), "/events");
        client.expect();
        for (int i = 0; i < 4; ++i)
        {
            const SseClient::Event event = client.expect();
            CPPUNIT_ASSERT(event.type == "deploy" || event.type == "user_joined");
            const Poco::JSON::Object::Ptr data = json(event.data);
            CPPUNIT_ASSERT_EQUAL(event.type, data->getValue<std::string>("type"));
            CPPUNIT_ASSERT(!data->getValue<std::string>("message").empty());
            CPPUNIT_ASSERT(data->getObject("data")->getValue<bool>("simulated"));
        }
    }

    void testSimulationAndWelcomeCanBeTurnedOff()
    {
        TestDaemon hub(DEFAULT_TOPICS, notificationsIni("simulate_interval_ms = 30\nwelcome = false\n"));
        SseClient client(hub.port(), "/events");
        SseClient::Event event;
        CPPUNIT_ASSERT(!client.next(event, 500));
    }

private:
    static std::string notificationsIni(const std::string& extra)
    {
        return FeedPlugins::feedsSection("notifications") + "[feed.notifications]\nsimulate = false\n" +
               extra;
    }

    static HttpCall::Result notify(const TestDaemon& hub, const std::string& body)
    {
        return HttpCall::post(hub.port(), "/api/notify", body);
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

    const TestDaemon::Settings DEFAULT_TOPICS = {{"sse.default_topics", "notifications"}};
};

CPPUNIT_TEST_SUITE_REGISTRATION(NotificationsFeedTest);
