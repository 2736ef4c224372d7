//
// HttpRoutesTest.cpp
//

#include "HttpCall.h"
#include "HubStatus.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <limits>
#include <memory>

namespace
{

Poco::JSON::Object::Ptr topicStatus(Poco::UInt16 port, const std::string& name)
{
    const HttpCall::Result result = HttpCall::get(port, "/topics");
    const Poco::JSON::Array::Ptr topics =
        result.json().extract<Poco::JSON::Object::Ptr>()->getArray("topics");
    for (unsigned i = 0; i < topics->size(); ++i)
    {
        Poco::JSON::Object::Ptr topic = topics->getObject(i);
        if (topic->getValue<std::string>("name") == name)
            return topic;
    }
    return nullptr;
}

} // namespace

class HttpRoutesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HttpRoutesTest);
    CPPUNIT_TEST(testHealthz);
    CPPUNIT_TEST(testTopicsListsCountsHeldAndLastId);
    CPPUNIT_TEST(testDisconnectedSubscriberIsRemovedAtOnce);
    CPPUNIT_TEST(testCorsHeaderOnEveryAnswer);
    CPPUNIT_TEST(testConfiguredCorsOrigin);
    CPPUNIT_TEST(testNoCorsHeaderWhenDisabled);
    CPPUNIT_TEST(testPreflight);
    CPPUNIT_TEST(testUnknownPathIsJson404);
    CPPUNIT_TEST(testConnectionIsReusedAfterErrors);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHealthz()
    {
        TestDaemon hub;
        const HttpCall::Result result = HttpCall::get(hub.port(), "/healthz");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), result.response.getContentType());
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), result.jsonString("status"));
    }

    void testTopicsListsCountsHeldAndLastId()
    {
        TestDaemon hub;
        CPPUNIT_ASSERT_EQUAL(std::string("{\"topics\":[]}"), HttpCall::get(hub.port(), "/topics").body);
        SseClient a1(hub.port(), "/events?topic=a");
        SseClient a2(hub.port(), "/events?topic=a");
        SseClient ab(hub.port(), "/events?topic=a&topic=b");
        HttpCall::publish(hub.port(), "a", "1");
        const std::string last = HttpCall::publish(hub.port(), "a", "2");
        HttpCall::publish(hub.port(), "unwatched", "3");

        const Poco::JSON::Object::Ptr a = topicStatus(hub.port(), "a");
        CPPUNIT_ASSERT_EQUAL(3, a->getValue<int>("subscribers"));
        CPPUNIT_ASSERT_EQUAL(2, a->getValue<int>("held"));
        CPPUNIT_ASSERT_EQUAL(last, a->getValue<std::string>("lastId"));
        const Poco::JSON::Object::Ptr b = topicStatus(hub.port(), "b");
        CPPUNIT_ASSERT_EQUAL(1, b->getValue<int>("subscribers"));
        CPPUNIT_ASSERT_EQUAL(0, b->getValue<int>("held"));
        CPPUNIT_ASSERT_EQUAL(std::string(), b->getValue<std::string>("lastId"));
        CPPUNIT_ASSERT_EQUAL(0, topicStatus(hub.port(), "unwatched")->getValue<int>("subscribers"));
    }

    void testDisconnectedSubscriberIsRemovedAtOnce()
    {
        TestDaemon hub;
        auto first = std::make_unique<SseClient>(hub.port(), "/events?topic=a&topic=b");
        auto second = std::make_unique<SseClient>(hub.port(), "/events?topic=a");
        CPPUNIT_ASSERT_EQUAL(2, HubStatus::subscribers(hub.port(), "a"));
        first.reset();
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "a") == 1; }));
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "b") == 0; }));
        second.reset();
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::subscribers(hub.port(), "a") == 0; }));
        CPPUNIT_ASSERT(HubStatus::waitFor([&] { return HubStatus::connections(hub.port()) == 0; }));
    }

    void testCorsHeaderOnEveryAnswer()
    {
        TestDaemon hub;
        SseClient stream(hub.port(), "/events?topic=t");
        CPPUNIT_ASSERT_EQUAL(std::string("*"), stream.response().get("Access-Control-Allow-Origin"));
        SseClient refused(hub.port(), "/events");
        CPPUNIT_ASSERT_EQUAL(std::string("*"), refused.response().get("Access-Control-Allow-Origin"));
        for (const HttpCall::Result& result :
             {HttpCall::get(hub.port(), "/topics"), HttpCall::get(hub.port(), "/healthz")})
            CPPUNIT_ASSERT_EQUAL(std::string("*"), result.response.get("Access-Control-Allow-Origin", ""));
        // Publishing answers other origins only from [auth] publish_origins (PublishAuthTest).
        for (const HttpCall::Result& result :
             {HttpCall::post(hub.port(), "/publish", "{\"topic\":\"t\"}"),
              HttpCall::post(hub.port(), "/publish", "{"), HttpCall::get(hub.port(), "/publish")})
            CPPUNIT_ASSERT(!result.response.has("Access-Control-Allow-Origin"));
    }

    void testConfiguredCorsOrigin()
    {
        TestDaemon hub(TestDaemon::Settings{{"server.cors_origin", "https://app.example.test"}});
        CPPUNIT_ASSERT_EQUAL(
            std::string("https://app.example.test"),
            HttpCall::get(hub.port(), "/topics").response.get("Access-Control-Allow-Origin"));
        SseClient stream(hub.port(), "/events?topic=t");
        CPPUNIT_ASSERT_EQUAL(std::string("https://app.example.test"),
                             stream.response().get("Access-Control-Allow-Origin"));
    }

    void testNoCorsHeaderWhenDisabled()
    {
        TestDaemon hub(TestDaemon::Settings{{"server.cors_origin", ""}});
        CPPUNIT_ASSERT(!HttpCall::get(hub.port(), "/topics").response.has("Access-Control-Allow-Origin"));
        SseClient stream(hub.port(), "/events?topic=t");
        CPPUNIT_ASSERT(!stream.response().has("Access-Control-Allow-Origin"));
    }

    void testPreflight()
    {
        TestDaemon hub(TestDaemon::Settings{{"auth.publish_origins", "https://app.example.test"}});
        const HttpCall::Headers asked = {{"Origin", "https://app.example.test"},
                                         {"Access-Control-Request-Method", "POST"},
                                         {"Access-Control-Request-Headers", "content-type"}};
        const HttpCall::Result publish = HttpCall::send(hub.port(), "OPTIONS", "/publish", "", "", asked);
        CPPUNIT_ASSERT_EQUAL(204, publish.status);
        CPPUNIT_ASSERT_EQUAL(std::string("https://app.example.test"),
                             publish.response.get("Access-Control-Allow-Origin"));
        CPPUNIT_ASSERT(publish.response.get("Access-Control-Allow-Methods").find("POST") !=
                       std::string::npos);
        CPPUNIT_ASSERT(publish.response.get("Access-Control-Allow-Headers").find("Content-Type") !=
                       std::string::npos);
        CPPUNIT_ASSERT(publish.body.empty());

        const HttpCall::Result events = HttpCall::send(hub.port(), "OPTIONS", "/events?topic=t", "", "",
                                                       {{"Access-Control-Request-Headers", "last-event-id"}});
        CPPUNIT_ASSERT_EQUAL(204, events.status);
        CPPUNIT_ASSERT(events.response.get("Access-Control-Allow-Methods").find("GET") != std::string::npos);
        CPPUNIT_ASSERT(events.response.get("Access-Control-Allow-Headers").find("Last-Event-ID") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"topics\":[]}"), HttpCall::get(hub.port(), "/topics").body);
    }

    void testUnknownPathIsJson404()
    {
        TestDaemon hub;
        for (const char* path : {"/nope", "/events/extra", "/publish/", "/TOPICS", "/no/such/file.js"})
        {
            const HttpCall::Result result = HttpCall::get(hub.port(), path);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 404, result.status);
            CPPUNIT_ASSERT_EQUAL(std::string("application/json"), result.response.getContentType());
            CPPUNIT_ASSERT(!result.jsonString("error").empty());
        }
    }

    void testConnectionIsReusedAfterErrors()
    {
        TestDaemon hub;
        Poco::Net::HTTPClientSession session("127.0.0.1", hub.port());
        session.setKeepAlive(true);
        for (const char* path : {"/nope", "/topics", "/publish", "/healthz"})
        {
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            session.sendRequest(request);
            Poco::Net::HTTPResponse response;
            std::istream& body = session.receiveResponse(response);
            body.ignore(std::numeric_limits<std::streamsize>::max());
            CPPUNIT_ASSERT(response.getKeepAlive());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpRoutesTest);
