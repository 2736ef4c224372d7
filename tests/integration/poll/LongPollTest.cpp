//
// LongPollTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "PollClient.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include "bus/EventCursor.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <regex>

namespace
{

std::string sequenceOf(const std::string& id)
{
    return std::to_string(feedhub::EventCursor::parse(id));
}

std::string before(const std::string& id)
{
    return std::to_string(feedhub::EventCursor::parse(id) - 1);
}

Poco::JSON::Object::Ptr eventAt(const PollClient::Response& response, unsigned index)
{
    return response.json().extract<Poco::JSON::Object::Ptr>()->getArray("events")->getObject(index);
}

} // namespace

class LongPollTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(LongPollTest);
    CPPUNIT_TEST(testAnswersAtOnceWhenBehind);
    CPPUNIT_TEST(testBatchSizeAndCursorFetchTheRest);
    CPPUNIT_TEST(testWithoutSinceAnswersNewestOfEachTopic);
    CPPUNIT_TEST(testWithoutSinceAndNothingHeldWaitsForTheNextEvent);
    CPPUNIT_TEST(testTimeoutAnswers204);
    CPPUNIT_TEST(testTimeoutIsCappedByConfiguration);
    CPPUNIT_TEST(testPublishWakesEveryWaitingClient);
    CPPUNIT_TEST(testOnlyWatchedTopicsWake);
    CPPUNIT_TEST(testSinceOlderThanHistoryIsTruncated);
    CPPUNIT_TEST(testCursorContinuityAcrossSseAndLongPoll);
    CPPUNIT_TEST(testDisconnectWhileWaitingIsCleanedUp);
    CPPUNIT_TEST(testBadRequestsAreJsonErrors);
    CPPUNIT_TEST(testFullHubAnswers503);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnswersAtOnceWhenBehind()
    {
        TestDaemon hub;
        const std::string first = HttpCall::publish(hub.port(), "news", "{\"headline\":\"one\"}", "article");
        const std::string second = HttpCall::publish(hub.port(), "news", "plain text", "note");
        const std::string third = HttpCall::publish(hub.port(), "news", "[1,2,3]");

        PollClient client(hub.port());
        const PollClient::Response response = client.get("/poll?topic=news&since=" + first + "&timeout=20");
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), response.head.getContentType());
        CPPUNIT_ASSERT_EQUAL(std::string("*"), response.head.get("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({second, third}));
        CPPUNIT_ASSERT_EQUAL(sequenceOf(third), response.cursor());
        CPPUNIT_ASSERT(!response.truncated());

        const Poco::JSON::Object::Ptr note = eventAt(response, 0);
        CPPUNIT_ASSERT_EQUAL(std::string("news"), note->getValue<std::string>("topic"));
        CPPUNIT_ASSERT_EQUAL(std::string("note"), note->getValue<std::string>("type"));
        // Text that is not JSON comes as a string, JSON as the value itself.
        CPPUNIT_ASSERT_EQUAL(std::string("plain text"), note->getValue<std::string>("data"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), eventAt(response, 1)->getArray("data")->size());
        CPPUNIT_ASSERT(std::regex_match(note->getValue<std::string>("time"),
                                        std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

        const PollClient::Response fromFirst = client.get("/poll?topic=news&since=" + before(first));
        const Poco::JSON::Object::Ptr article = eventAt(fromFirst, 0);
        CPPUNIT_ASSERT_EQUAL(std::string("one"),
                             article->getObject("data")->getValue<std::string>("headline"));
    }

    void testBatchSizeAndCursorFetchTheRest()
    {
        TestDaemon hub(TestDaemon::Settings{{"poll.batch_size", "2"}});
        std::vector<std::string> ids;
        for (int i = 0; i < 5; ++i)
            ids.push_back(HttpCall::publish(hub.port(), "batch", "event " + std::to_string(i)));

        PollClient client(hub.port());
        std::vector<std::string> received;
        std::string cursor = before(ids.front());
        for (std::size_t expected : {2, 2, 1})
        {
            const PollClient::Response response = client.get("/poll?topic=batch&since=" + cursor);
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT_EQUAL(expected, response.eventIds().size());
            for (const std::string& id : response.eventIds())
                received.push_back(id);
            cursor = response.cursor();
        }
        CPPUNIT_ASSERT(ids == received);
        CPPUNIT_ASSERT_EQUAL(sequenceOf(ids.back()), cursor);
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=batch&timeout=0&since=" + cursor).status);
    }

    void testWithoutSinceAnswersNewestOfEachTopic()
    {
        TestDaemon hub;
        HttpCall::publish(hub.port(), "a", "a1");
        const std::string a2 = HttpCall::publish(hub.port(), "a", "a2");
        const std::string b1 = HttpCall::publish(hub.port(), "b", "b1");
        HttpCall::publish(hub.port(), "c", "not asked for");
        const std::string last = HttpCall::publish(hub.port(), "c", "not asked for either");

        PollClient client(hub.port());
        const PollClient::Response response = client.get("/poll?topic=b&topic=a");
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({a2, b1}));
        // The cursor is the hub's position, so the next poll waits for what comes next.
        CPPUNIT_ASSERT_EQUAL(sequenceOf(last), response.cursor());
        CPPUNIT_ASSERT_EQUAL(204,
                             client.get("/poll?topic=a&topic=b&timeout=0&since=" + response.cursor()).status);
    }

    void testWithoutSinceAndNothingHeldWaitsForTheNextEvent()
    {
        TestDaemon hub;
        PollClient quiet(hub.port());
        CPPUNIT_ASSERT_EQUAL(204, quiet.get("/poll?topic=empty&timeout=1").status);

        PollClient waiting(hub.port());
        waiting.send("GET", "/poll?topic=empty&timeout=20");
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "empty") == 1; }));
        const std::string id = HttpCall::publish(hub.port(), "empty", "first");
        const PollClient::Response response = waiting.receive();
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({id}));
        CPPUNIT_ASSERT_EQUAL(sequenceOf(id), response.cursor());
    }

    void testTimeoutAnswers204()
    {
        TestDaemon hub;
        const std::string id = HttpCall::publish(hub.port(), "slow", "old news");
        PollClient client(hub.port());
        const PollClient::Response response = client.get("/poll?topic=slow&timeout=1&since=" + id);
        CPPUNIT_ASSERT_EQUAL(204, response.status);
        CPPUNIT_ASSERT(response.body.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("*"), response.head.get("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT_EQUAL(0, HubStatus::subscribers(hub.port(), "slow"));
    }

    void testTimeoutIsCappedByConfiguration()
    {
        TestDaemon hub(
            TestDaemon::Settings{{"poll.max_timeout_seconds", "1"}, {"poll.default_timeout_seconds", "1"}});
        PollClient client(hub.port());
        // Asks for an hour; the hub's cap answers within the client's 10 s.
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=capped&timeout=3600").status);
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=capped").status);
    }

    void testPublishWakesEveryWaitingClient()
    {
        constexpr int WAITERS = 200;
        TestDaemon hub;
        const std::string old = HttpCall::publish(hub.port(), "wake", "before");
        std::vector<std::unique_ptr<PollClient>> clients;
        for (int i = 0; i < WAITERS; ++i)
        {
            clients.push_back(std::make_unique<PollClient>(hub.port()));
            clients.back()->send("GET", "/poll?topic=wake&timeout=60&since=" + old);
        }
        CPPUNIT_ASSERT(
            HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "wake") == WAITERS; }));

        const std::string id = HttpCall::publish(hub.port(), "wake", "for everyone");
        for (auto& client : clients)
        {
            const PollClient::Response response = client->receive();
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({id}));
            CPPUNIT_ASSERT_EQUAL(std::string("for everyone"),
                                 eventAt(response, 0)->getValue<std::string>("data"));
        }
        CPPUNIT_ASSERT_EQUAL(0, HubStatus::subscribers(hub.port(), "wake"));
    }

    void testOnlyWatchedTopicsWake()
    {
        TestDaemon hub;
        const std::string start = HttpCall::publish(hub.port(), "other", "start");
        PollClient client(hub.port());
        client.send("GET", "/poll?topic=mine&topic=yours&timeout=20&since=" + start);
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "mine") == 1; }));
        HttpCall::publish(hub.port(), "other", "not for this client");
        CPPUNIT_ASSERT(!client.responseArrives(300));
        const std::string id = HttpCall::publish(hub.port(), "yours", "for this client");
        CPPUNIT_ASSERT(client.receive().eventIds() == std::vector<std::string>({id}));
    }

    void testSinceOlderThanHistoryIsTruncated()
    {
        TestDaemon hub(TestDaemon::Settings{{"history.max_events", "3"}});
        std::vector<std::string> ids;
        for (int i = 0; i < 6; ++i)
            ids.push_back(HttpCall::publish(hub.port(), "short", "event " + std::to_string(i)));

        PollClient client(hub.port());
        const PollClient::Response response = client.get("/poll?topic=short&since=" + ids[0]);
        CPPUNIT_ASSERT_EQUAL(200, response.status);
        CPPUNIT_ASSERT(response.truncated());
        CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>(ids.begin() + 3, ids.end()));

        const PollClient::Response caughtUp = client.get("/poll?topic=short&since=" + ids[3]);
        CPPUNIT_ASSERT(!caughtUp.truncated());
        CPPUNIT_ASSERT(caughtUp.eventIds() == std::vector<std::string>(ids.begin() + 4, ids.end()));

        // A cursor from before the hub started: nothing is held, and it says so.
        const PollClient::Response ancient = client.get("/poll?topic=never&since=1");
        CPPUNIT_ASSERT_EQUAL(200, ancient.status);
        CPPUNIT_ASSERT(ancient.truncated());
        CPPUNIT_ASSERT(ancient.eventIds().empty());
    }

    void testCursorContinuityAcrossSseAndLongPoll()
    {
        TestDaemon hub;
        std::vector<std::string> published;
        const auto publish = [&](const std::string& topic) {
            published.push_back(
                HttpCall::publish(hub.port(), topic, "event " + std::to_string(published.size())));
        };
        std::vector<std::string> seen;
        publish("x");
        publish("y");

        // Long poll from the start of history ...
        PollClient poller(hub.port());
        PollClient::Response polled = poller.get("/poll?topic=x&topic=y&since=" + before(published[0]));
        for (const std::string& id : polled.eventIds())
            seen.push_back(id);
        publish("y");
        publish("x");

        // ... then SSE from the poll's cursor: it replays what came since, then goes live ...
        {
            SseClient stream(hub.port(), "/events?topic=x&topic=y", {{"Last-Event-ID", polled.cursor()}});
            seen.push_back(stream.expect().id);
            seen.push_back(stream.expect().id);
            publish("x");
            seen.push_back(stream.expect().id);
            publish("y");
            seen.push_back(stream.expect().id);
            publish("y");
            publish("x");
            // ... then long poll again from the last SSE id.
            polled = poller.get("/poll?topic=x&topic=y&since=" + stream.lastEventId());
        }
        for (const std::string& id : polled.eventIds())
            seen.push_back(id);

        poller.send("GET", "/poll?topic=x&topic=y&timeout=20&since=" + polled.cursor());
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "x") == 1; }));
        publish("y");
        for (const std::string& id : poller.receive().eventIds())
            seen.push_back(id);

        CPPUNIT_ASSERT_EQUAL(std::size_t(9), published.size());
        CPPUNIT_ASSERT(published == seen);
    }

    void testDisconnectWhileWaitingIsCleanedUp()
    {
        TestDaemon hub;
        std::vector<std::unique_ptr<PollClient>> clients;
        for (int i = 0; i < 5; ++i)
        {
            clients.push_back(std::make_unique<PollClient>(hub.port()));
            clients.back()->send("GET", "/poll?topic=gone&timeout=60");
        }
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "gone") == 5; }));
        CPPUNIT_ASSERT_EQUAL(5, HubStatus::subscribers(hub.port()));

        for (int i = 0; i < 3; ++i)
            clients[static_cast<std::size_t>(i)]->close();
        CPPUNIT_ASSERT(
            HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "gone") == 2; }, 5000));
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port()) == 2; }, 5000));

        // The others still wait and are still answered.
        const std::string id = HttpCall::publish(hub.port(), "gone", "to the ones left");
        CPPUNIT_ASSERT(clients[3]->receive().eventIds() == std::vector<std::string>({id}));
        CPPUNIT_ASSERT(clients[4]->receive().eventIds() == std::vector<std::string>({id}));
    }

    void testBadRequestsAreJsonErrors()
    {
        TestDaemon hub(
            TestDaemon::Settings{{"sse.max_topics_per_connection", "2"}, {"sse.default_topics", ""}});
        for (const char* target :
             {"/poll?topic=a&since=yesterday", "/poll?topic=a&since=a:", "/poll?topic=a&timeout=soon",
              "/poll?topic=a&timeout=-1", "/poll?topic=a&timeout=1.5", "/poll?topic=a&topic=b&topic=c",
              "/poll?topic=bad%20name", "/poll"})
        {
            PollClient client(hub.port());
            const PollClient::Response response = client.get(target);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(target, 400, response.status);
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), response.head.getContentType());
            CPPUNIT_ASSERT_EQUAL(std::string("*"), response.head.get("Access-Control-Allow-Origin"));
            CPPUNIT_ASSERT(
                !response.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("error").empty());
        }
        PollClient client(hub.port());
        client.send("POST", "/poll?topic=a", {}, "x");
        CPPUNIT_ASSERT_EQUAL(405, client.receive().status);
        CPPUNIT_ASSERT_EQUAL(0, HubStatus::subscribers(hub.port()));
    }

    void testFullHubAnswers503()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.max_subscribers", "2"}});
        PollClient first(hub.port());
        first.send("GET", "/poll?topic=full&timeout=60");
        SseClient second(hub.port(), "/events?topic=full");
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port()) == 2; }));

        PollClient third(hub.port());
        const PollClient::Response refused = third.get("/poll?topic=full&timeout=60");
        CPPUNIT_ASSERT_EQUAL(503, refused.status);
        CPPUNIT_ASSERT_EQUAL(std::string("*"), refused.head.get("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT(refused.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("error").find(
                           "maximum of 2") != std::string::npos);

        // A freed place is taken again.
        first.close();
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port()) == 1; }));
        third.send("GET", "/poll?topic=full&timeout=60");
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port()) == 2; }));
        const std::string id = HttpCall::publish(hub.port(), "full", "room again");
        CPPUNIT_ASSERT(third.receive().eventIds() == std::vector<std::string>({id}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LongPollTest);
