//
// LongPollKeepAliveTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "PollClient.h"
#include "TestDaemon.h"
#include "bus/EventCursor.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>

class LongPollKeepAliveTest : public CppUnit::TestFixture
    /// Every long-poll cycle is a new request: the hub keeps the connection
    /// and reads the next request on its event loop. These tests speak on one
    /// connection and check that whatever comes next is answered properly.
{
    CPPUNIT_TEST_SUITE(LongPollKeepAliveTest);
    CPPUNIT_TEST(testPollsFollowEachOtherOnOneConnection);
    CPPUNIT_TEST(testOtherRequestsOnAPollingConnection);
    CPPUNIT_TEST(testBadPollOnAPollingConnectionIsAJsonError);
    CPPUNIT_TEST(testPipelinedPollsAreAnsweredInOrder);
    CPPUNIT_TEST(testConnectionCloseIsHonoured);
    CPPUNIT_TEST(testPollsWokenTogetherEachGetTheirOwnHead);
    CPPUNIT_TEST(testMalformedNextRequestIsRefused);
    CPPUNIT_TEST(testIdleConnectionGoneIsCleanedUp);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _hub = std::make_unique<TestDaemon>(); }

    void tearDown() override { _hub.reset(); }

    void testPollsFollowEachOtherOnOneConnection()
    {
        PollClient client(port());
        PollClient::Response response = client.get("/poll?topic=ka&timeout=0");
        CPPUNIT_ASSERT_EQUAL(204, response.status);
        CPPUNIT_ASSERT(response.head.getKeepAlive());

        std::string cursor;
        for (int cycle = 0; cycle < 5; ++cycle)
        {
            const std::string since = cursor.empty() ? "" : "&since=" + cursor;
            client.send("GET", "/poll?topic=ka&timeout=20" + since);
            CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(port(), "ka") == 1; }));
            const std::string id = HttpCall::publish(port(), "ka", "cycle " + std::to_string(cycle));
            response = client.receive();
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT(response.head.getKeepAlive());
            CPPUNIT_ASSERT_EQUAL(std::string("*"), response.head.get("Access-Control-Allow-Origin"));
            CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({id}));
            cursor = response.cursor();
        }
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=ka&timeout=0&since=" + cursor).status);
    }

    void testOtherRequestsOnAPollingConnection()
    {
        PollClient client(port());
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=mixed&timeout=0").status);
        // The loop holds the connection now; each of these goes to a worker.
        client.send("POST", "/publish", {{"Content-Type", "application/json"}},
                    "{\"topic\":\"mixed\",\"data\":\"from the polling connection\"}");
        const PollClient::Response published = client.receive();
        CPPUNIT_ASSERT_EQUAL(201, published.status);
        const std::string id =
            published.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");

        CPPUNIT_ASSERT_EQUAL(200, client.get("/topics").status);
        client.send("OPTIONS", "/poll",
                    {{"Origin", "http://example.org"}, {"Access-Control-Request-Method", "GET"}});
        const PollClient::Response preflight = client.receive();
        CPPUNIT_ASSERT_EQUAL(204, preflight.status);
        CPPUNIT_ASSERT_EQUAL(std::string("*"), preflight.head.get("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT_EQUAL(404, client.get("/no/such/route").status);

        // And back to polling, still on the same connection.
        const PollClient::Response polled =
            client.get("/poll?topic=mixed&since=" + std::to_string(sequence(id) - 1));
        CPPUNIT_ASSERT(polled.eventIds() == std::vector<std::string>({id}));
        client.send("GET", "/poll?topic=mixed&timeout=20&since=" + polled.cursor());
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(port(), "mixed") == 1; }));
        const std::string next = HttpCall::publish(port(), "mixed", "woken");
        CPPUNIT_ASSERT(client.receive().eventIds() == std::vector<std::string>({next}));
    }

    void testBadPollOnAPollingConnectionIsAJsonError()
    {
        PollClient client(port());
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=bad&timeout=0").status);
        const PollClient::Response response = client.get("/poll?topic=bad&since=never");
        CPPUNIT_ASSERT_EQUAL(400, response.status);
        CPPUNIT_ASSERT_EQUAL(std::string("*"), response.head.get("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT(response.json().extract<Poco::JSON::Object::Ptr>()->has("error"));
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=bad&timeout=0").status);
    }

    void testPipelinedPollsAreAnsweredInOrder()
    {
        const std::string first = HttpCall::publish(port(), "pipe", "one");
        const std::string second = HttpCall::publish(port(), "pipe", "two");
        PollClient client(port());
        const std::string head = " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        client.sendRaw("GET /poll?topic=pipe&since=" + std::to_string(sequence(first) - 1) + head +
                       "GET /poll?topic=pipe&since=" + first + head + "GET /topics" + head +
                       "GET /poll?topic=pipe&timeout=0&since=" + second + head);
        CPPUNIT_ASSERT(client.receive().eventIds() == std::vector<std::string>({first, second}));
        CPPUNIT_ASSERT(client.receive().eventIds() == std::vector<std::string>({second}));
        CPPUNIT_ASSERT_EQUAL(200, client.receive().status);
        CPPUNIT_ASSERT_EQUAL(204, client.receive().status);
    }

    void testConnectionCloseIsHonoured()
    {
        PollClient asked(port());
        asked.send("GET", "/poll?topic=bye&timeout=0", {{"Connection", "close"}});
        const PollClient::Response response = asked.receive();
        CPPUNIT_ASSERT_EQUAL(204, response.status);
        CPPUNIT_ASSERT(!response.head.getKeepAlive());
        CPPUNIT_ASSERT(asked.waitForClose(5000));

        // HTTP/1.0 closes unless it asks to keep the connection, even after a wait.
        PollClient old(port());
        old.send("GET", "/poll?topic=bye&timeout=20", {}, "", "HTTP/1.0");
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(port(), "bye") == 1; }));
        const std::string id = HttpCall::publish(port(), "bye", "last words");
        CPPUNIT_ASSERT(old.receive().eventIds() == std::vector<std::string>({id}));
        CPPUNIT_ASSERT(old.waitForClose(5000));

        // On a kept-alive connection too, the loop honours it.
        PollClient later(port());
        CPPUNIT_ASSERT_EQUAL(204, later.get("/poll?topic=bye&timeout=0&since=" + id).status);
        later.send("GET", "/poll?topic=bye&timeout=0&since=" + id, {{"Connection", "close"}});
        CPPUNIT_ASSERT_EQUAL(204, later.receive().status);
        CPPUNIT_ASSERT(later.waitForClose(5000));
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(port()) == 0; }));
    }

    void testPollsWokenTogetherEachGetTheirOwnHead()
    {
        // One event wakes them all, and the body is the same; what the head
        // says about the connection is each client's own.
        const std::string target = "/poll?topic=crowd&timeout=20&since=" +
                                   std::to_string(sequence(HttpCall::publish(port(), "crowd", "seen")));
        PollClient first(port()), second(port()), closing(port()), old(port());
        for (PollClient* client : {&first, &second})
            client->send("GET", target);
        closing.send("GET", target, {{"Connection", "close"}});
        old.send("GET", target, {}, "", "HTTP/1.0");
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(port(), "crowd") == 4; }));
        const std::string id = HttpCall::publish(port(), "crowd", "to all four");

        for (PollClient* client : {&first, &second, &closing, &old})
        {
            const PollClient::Response response = client->receive();
            CPPUNIT_ASSERT_EQUAL(200, response.status);
            CPPUNIT_ASSERT(response.eventIds() == std::vector<std::string>({id}));
            CPPUNIT_ASSERT_EQUAL(client == &first || client == &second, response.head.getKeepAlive());
            // HTTP/1.1 to every client, as RFC 9110 (6.2) has servers answer.
            CPPUNIT_ASSERT_EQUAL(std::string("HTTP/1.1"), response.head.getVersion());
        }
        CPPUNIT_ASSERT(first.get("/poll?topic=crowd&timeout=0&since=" + id).status == 204);
        CPPUNIT_ASSERT(second.get("/poll?topic=crowd&timeout=0&since=" + id).status == 204);
        CPPUNIT_ASSERT(closing.waitForClose(5000));
        CPPUNIT_ASSERT(old.waitForClose(5000));
    }

    void testMalformedNextRequestIsRefused()
    {
        // Whatever a polling connection sends next is answered as on a fresh connection.
        for (const std::string& junk : std::vector<std::string>{
                 "THIS IS NOT HTTP\r\n\r\n", "GET /healthz HTTP/1.1\r\nNoColon\r\n\r\n",
                 "GET /healthz HTTP/9.9\r\n\r\n",
                 "GET /poll?topic=junk HTTP/1.1\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n",
                 std::string("\x16\x03\x01\x02\x00\x01\r\n\r\n", 10)})
        {
            PollClient fresh(port());
            const int expected = answerTo(fresh, junk);
            PollClient polling(port());
            CPPUNIT_ASSERT_EQUAL(204, polling.get("/poll?topic=junk&timeout=0").status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(junk.substr(0, 40), expected, answerTo(polling, junk));
        }
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(port(), "/healthz").status);
    }

    void testIdleConnectionGoneIsCleanedUp()
    {
        PollClient client(port());
        CPPUNIT_ASSERT_EQUAL(204, client.get("/poll?topic=idle&timeout=0").status);
        CPPUNIT_ASSERT_EQUAL(0, HubStatus::subscribers(port()));
        CPPUNIT_ASSERT_EQUAL(1, HubStatus::connections(port()));
        client.close();
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::connections(port()) == 0; }, 5000));
    }

private:
    Poco::UInt16 port() const { return _hub->port(); }

    static int answerTo(PollClient& client, const std::string& bytes)
        /// The status the hub answers bytes with, or 0 if it closes without one.
    {
        try
        {
            client.sendRaw(bytes);
            return client.receive().status;
        }
        catch (const Poco::IOException&)
        {
            return 0;
        }
    }

    static std::uint64_t sequence(const std::string& id) { return feedhub::EventCursor::parse(id); }

    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(LongPollKeepAliveTest);
