//
// PublishKeepAliveTest.cpp
//

#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "PollClient.h"
#include "TestDaemon.h"
#include "bus/EventCursor.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <thread>

class PublishKeepAliveTest : public CppUnit::TestFixture
    /// A publisher that keeps its connection has every request after the first
    /// read and answered on the event loop; anything the loop does not answer
    /// with success goes to a worker. These tests publish on one connection and
    /// check that each answer, and what subscribers get, is what a fresh
    /// connection would give.
{
    CPPUNIT_TEST_SUITE(PublishKeepAliveTest);
    CPPUNIT_TEST(testPublishesFollowEachOtherOnOneConnection);
    CPPUNIT_TEST(testEveryBodyFormatIsTaken);
    CPPUNIT_TEST(testBodyArrivingInPiecesIsWaitedFor);
    CPPUNIT_TEST(testPipelinedPublishesAreAnsweredInOrder);
    CPPUNIT_TEST(testRefusedPublishIsAJsonErrorAndPublishesNothing);
    CPPUNIT_TEST(testBodiesTheWorkerReadsAreTaken);
    CPPUNIT_TEST(testMalformedContentLengthIsRefused);
    CPPUNIT_TEST(testOversizedBodyIsRefused);
    CPPUNIT_TEST(testConnectionCloseIsHonoured);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _hub = std::make_unique<TestDaemon>(); }

    void tearDown() override { _hub.reset(); }

    void testPublishesFollowEachOtherOnOneConnection()
    {
        PollClient publisher(port());
        std::vector<std::string> ids;
        for (int i = 0; i < 50; ++i)
        {
            const PollClient::Response response =
                publishJson(publisher, "{\"topic\":\"ka\",\"data\":" + std::to_string(i) + "}");
            CPPUNIT_ASSERT_EQUAL(201, response.status);
            CPPUNIT_ASSERT(response.head.getKeepAlive());
            // Publishing answers other origins only from [auth] publish_origins.
            CPPUNIT_ASSERT(!response.head.has("Access-Control-Allow-Origin"));
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), response.head.getContentType());
            CPPUNIT_ASSERT(response.head.has("Date"));
            const Poco::JSON::Object::Ptr answer = response.json().extract<Poco::JSON::Object::Ptr>();
            ids.push_back(answer->getValue<std::string>("id"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), answer->getArray("ids")->size());
            CPPUNIT_ASSERT_EQUAL(ids.back(), answer->getArray("ids")->getElement<std::string>(0));
        }
        CPPUNIT_ASSERT(heldIds("ka") == ids);
        const Poco::JSON::Array::Ptr events = held("ka");
        for (unsigned i = 0; i < events->size(); ++i)
            CPPUNIT_ASSERT_EQUAL(std::to_string(i), events->getObject(i)->get("data").toString());
    }

    void testEveryBodyFormatIsTaken()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"fmt\",\"data\":\"first\"}").status);

        const PollClient::Response batch = publishJson(
            publisher,
            "[{\"topic\":\"fmt\",\"type\":\"a\",\"data\":\"x\"},{\"topic\":\"fmt2\",\"data\":{\"k\":1}}]");
        CPPUNIT_ASSERT_EQUAL(201, batch.status);
        const Poco::JSON::Object::Ptr answer = batch.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), answer->getArray("ids")->size());
        CPPUNIT_ASSERT_EQUAL(answer->getArray("ids")->getElement<std::string>(1),
                             answer->getValue<std::string>("id"));

        publisher.send("POST", "/publish", {{"Content-Type", "application/x-www-form-urlencoded"}},
                       "topic=fmt&type=form&data=caf%C3%A9+au+lait");
        CPPUNIT_ASSERT_EQUAL(201, publisher.receive().status);

        publisher.send("POST", "/publish?topic=fmt&type=raw", {{"Content-Type", "text/plain"}}, "as it is {");
        CPPUNIT_ASSERT_EQUAL(201, publisher.receive().status);

        const Poco::JSON::Array::Ptr events = held("fmt");
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), events->size());
        CPPUNIT_ASSERT_EQUAL(std::string("a"), events->getObject(1)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("form"), events->getObject(2)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("caf\xC3\xA9 au lait"),
                             events->getObject(2)->getValue<std::string>("data"));
        CPPUNIT_ASSERT_EQUAL(std::string("raw"), events->getObject(3)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("as it is {"), events->getObject(3)->getValue<std::string>("data"));
        CPPUNIT_ASSERT_EQUAL(1, held("fmt2")->getObject(0)->getObject("data")->getValue<int>("k"));
    }

    void testBodyArrivingInPiecesIsWaitedFor()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"slow\",\"data\":\"warm\"}").status);
        const std::string body = "{\"topic\":\"slow\",\"data\":\"in pieces\"}";
        publisher.sendRaw("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        publisher.sendRaw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
        CPPUNIT_ASSERT(!publisher.responseArrives(200));
        publisher.sendRaw(body.substr(10));
        CPPUNIT_ASSERT_EQUAL(201, publisher.receive().status);
        CPPUNIT_ASSERT_EQUAL(std::string("in pieces"),
                             held("slow")->getObject(1)->getValue<std::string>("data"));
    }

    void testPipelinedPublishesAreAnsweredInOrder()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"pipe\",\"data\":\"warm\"}").status);
        std::string requests;
        for (int i = 0; i < 3; ++i)
        {
            const std::string body = "{\"topic\":\"pipe\",\"data\":\"p" + std::to_string(i) + "\"}";
            requests += "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body;
        }
        requests += "GET /topics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        publisher.sendRaw(requests);
        std::vector<std::string> ids;
        for (int i = 0; i < 3; ++i)
        {
            const PollClient::Response response = publisher.receive();
            CPPUNIT_ASSERT_EQUAL(201, response.status);
            ids.push_back(response.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id"));
        }
        CPPUNIT_ASSERT_EQUAL(200, publisher.receive().status);
        const std::vector<std::string> all = heldIds("pipe");
        CPPUNIT_ASSERT(std::vector<std::string>(all.begin() + 1, all.end()) == ids);
    }

    void testRefusedPublishIsAJsonErrorAndPublishesNothing()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"bad\",\"data\":\"kept\"}").status);
        const std::vector<std::pair<std::string, int>> refused = {
            {"{\"topic\":\"bad\",\"data\":", 400},
            {"{\"data\":\"no topic\"}", 400},
            {"[{\"topic\":\"bad\",\"data\":\"fine\"},{\"topic\":\"no such/name!\",\"data\":\"x\"}]", 400},
            {"[]", 400},
            {"{\"topic\":\"bad\",\"type\":7}", 400},
        };
        for (const auto& [body, status] : refused)
        {
            const PollClient::Response response = publishJson(publisher, body);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(body, status, response.status);
            CPPUNIT_ASSERT_MESSAGE(body, response.json().extract<Poco::JSON::Object::Ptr>()->has("error"));
            CPPUNIT_ASSERT(!response.head.has("Access-Control-Allow-Origin"));
        }
        publisher.send("POST", "/publish", {{"Content-Type", "text/plain"}}, "just text");
        CPPUNIT_ASSERT_EQUAL(415, publisher.receive().status);
        publisher.send("PUT", "/publish", {{"Content-Type", "application/json"}}, "{\"topic\":\"bad\"}");
        CPPUNIT_ASSERT_EQUAL(405, publisher.receive().status);
        publisher.send("POST", "/publish?topic=bad&what=x", {{"Content-Type", "text/plain"}}, "text");
        CPPUNIT_ASSERT_EQUAL(400, publisher.receive().status);

        CPPUNIT_ASSERT_EQUAL(201,
                             publishJson(publisher, "{\"topic\":\"bad\",\"data\":\"still kept\"}").status);
        const Poco::JSON::Array::Ptr events = held("bad");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), events->size());
        CPPUNIT_ASSERT_EQUAL(std::string("still kept"), events->getObject(1)->getValue<std::string>("data"));
    }

    void testBodiesTheWorkerReadsAreTaken()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"odd\",\"data\":\"warm\"}").status);

        const std::string body = "{\"topic\":\"odd\",\"data\":\"chunked\"}";
        std::ostringstream size;
        size << std::hex << body.size();
        publisher.sendRaw("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" +
                          size.str() + "\r\n" + body + "\r\n0\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(201, publisher.receive().status);

        const std::string expecting = "{\"topic\":\"odd\",\"data\":\"expected\"}";
        publisher.sendRaw("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                          "Expect: 100-continue\r\nContent-Length: " +
                          std::to_string(expecting.size()) + "\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(100, publisher.receive().status);
        publisher.sendRaw(expecting);
        CPPUNIT_ASSERT_EQUAL(201, publisher.receive().status);

        CPPUNIT_ASSERT_EQUAL(
            201, publishJson(publisher, "{\"topic\":\"odd\",\"data\":\"back on the loop\"}").status);
        const Poco::JSON::Array::Ptr events = held("odd");
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), events->size());
        CPPUNIT_ASSERT_EQUAL(std::string("chunked"), events->getObject(1)->getValue<std::string>("data"));
        CPPUNIT_ASSERT_EQUAL(std::string("expected"), events->getObject(2)->getValue<std::string>("data"));
    }

    void testMalformedContentLengthIsRefused()
    {
        for (const std::string length : {"abc", "-5", "99999999999999999999999"})
        {
            PollClient publisher(port());
            CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"len\",\"data\":\"x\"}").status);
            publisher.sendRaw(
                "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: " +
                length + "\r\n\r\n{\"topic\":\"len\",\"data\":\"y\"}");
            const PollClient::Response response = publisher.receive();
            CPPUNIT_ASSERT_EQUAL_MESSAGE(length, 400, response.status);
            CPPUNIT_ASSERT_MESSAGE(length, response.json().extract<Poco::JSON::Object::Ptr>()->has("error"));
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), held("len")->size());
        PollClient poller(port());
        poller.sendRaw("GET /poll?topic=len&timeout=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(200, poller.receive().status);
        poller.sendRaw(
            "GET /poll?topic=len&timeout=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(400, poller.receive().status);
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(port(), "/healthz").status);
    }

    void testOversizedBodyIsRefused()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"big\",\"data\":\"small\"}").status);
        const PollClient::Response response = publishJson(
            publisher, "{\"topic\":\"big\",\"data\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"}");
        CPPUNIT_ASSERT_EQUAL(413, response.status);
        CPPUNIT_ASSERT(response.json().extract<Poco::JSON::Object::Ptr>()->has("error"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), held("big")->size());
    }

    void testConnectionCloseIsHonoured()
    {
        PollClient publisher(port());
        CPPUNIT_ASSERT_EQUAL(201, publishJson(publisher, "{\"topic\":\"bye\",\"data\":\"one\"}").status);
        publisher.send("POST", "/publish", {{"Content-Type", "application/json"}, {"Connection", "close"}},
                       "{\"topic\":\"bye\",\"data\":\"two\"}");
        const PollClient::Response response = publisher.receive();
        CPPUNIT_ASSERT_EQUAL(201, response.status);
        CPPUNIT_ASSERT(!response.head.getKeepAlive());
        CPPUNIT_ASSERT(publisher.waitForClose(5000));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), held("bye")->size());
    }

private:
    Poco::UInt16 port() const { return _hub->port(); }

    static PollClient::Response publishJson(PollClient& client, const std::string& body)
    {
        client.send("POST", "/publish", {{"Content-Type", "application/json"}}, body);
        return client.receive();
    }

    Poco::JSON::Array::Ptr held(const std::string& topic) const
        /// Every event the hub holds on topic, oldest first.
    {
        const HttpCall::Result result = HttpCall::get(port(), "/poll?topic=" + topic + "&since=0");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        return result.json().extract<Poco::JSON::Object::Ptr>()->getArray("events");
    }

    std::vector<std::string> heldIds(const std::string& topic) const
    {
        std::vector<std::string> ids;
        const Poco::JSON::Array::Ptr events = held(topic);
        for (unsigned i = 0; i < events->size(); ++i)
            ids.push_back(events->getObject(i)->getValue<std::string>("id"));
        return ids;
    }

    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishKeepAliveTest);
