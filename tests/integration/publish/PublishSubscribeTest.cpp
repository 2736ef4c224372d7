//
// PublishSubscribeTest.cpp
//

#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>

class PublishSubscribeTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PublishSubscribeTest);
    CPPUNIT_TEST(testPublishedEventReachesSubscriber);
    CPPUNIT_TEST(testEveryPublishedEventArrivesInOrder);
    CPPUNIT_TEST(testSeveralTopicsOnOneConnection);
    CPPUNIT_TEST(testOtherTopicsAreNotDelivered);
    CPPUNIT_TEST(testJsonDataArrivesAsJsonText);
    CPPUNIT_TEST(testMultiLineDataArrivesWhole);
    CPPUNIT_TEST(testFormEncodedPublish);
    CPPUNIT_TEST(testBodyIsTheDataWhenTheQueryNamesTheTopic);
    CPPUNIT_TEST(testBatchPublish);
    CPPUNIT_TEST(testBadBatchPublishesNothing);
    CPPUNIT_TEST(testRetryIsSentAtConnect);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPublishedEventReachesSubscriber()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=news");
        CPPUNIT_ASSERT_EQUAL(200, client.status());
        CPPUNIT_ASSERT_EQUAL(std::string("text/event-stream; charset=utf-8"),
                             client.response().getContentType());
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), client.response().get("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("no"), client.response().get("X-Accel-Buffering"));

        const std::string id = HttpCall::publish(hub.port(), "news", "{\"headline\":\"hi\"}", "article");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(id, event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("article"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"headline\":\"hi\"}"), event.data);
        CPPUNIT_ASSERT_EQUAL(3000, client.retry());
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

    void testEveryPublishedEventArrivesInOrder()
    {
        TestDaemon hub;
        SseClient first(hub.port(), "/events?topic=ticks");
        SseClient second(hub.port(), "/events?topic=ticks");
        std::vector<std::string> ids;
        for (int i = 0; i < 50; ++i)
            ids.push_back(HttpCall::publish(hub.port(), "ticks", std::to_string(i)));
        for (SseClient* client : {&first, &second})
        {
            for (int i = 0; i < 50; ++i)
            {
                const SseClient::Event event = client->expect();
                CPPUNIT_ASSERT_EQUAL(ids[i], event.id);
                CPPUNIT_ASSERT_EQUAL(std::to_string(i), event.data);
                CPPUNIT_ASSERT_EQUAL(std::string("message"), event.type);
            }
        }
    }

    void testSeveralTopicsOnOneConnection()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=quotes/AAPL&topic=alerts&topic=quotes/AAPL");
        const std::string a1 = HttpCall::publish(hub.port(), "quotes/AAPL", "190.1");
        const std::string b1 = HttpCall::publish(hub.port(), "alerts", "halt");
        const std::string a2 = HttpCall::publish(hub.port(), "quotes/AAPL", "190.2");
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), a1.rfind("quotes/AAPL:", 0));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), b1.rfind("alerts:", 0));
        for (const auto& [id, data] :
             std::vector<std::pair<std::string, std::string>>{{a1, "190.1"}, {b1, "halt"}, {a2, "190.2"}})
        {
            const SseClient::Event event = client.expect();
            CPPUNIT_ASSERT_EQUAL(id, event.id);
            CPPUNIT_ASSERT_EQUAL(data, event.data);
        }
        // The topic named twice is delivered once.
        SseClient::Event extra;
        CPPUNIT_ASSERT(!client.next(extra, 300));
    }

    void testOtherTopicsAreNotDelivered()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=mine");
        HttpCall::publish(hub.port(), "other", "not for you");
        HttpCall::publish(hub.port(), "mine.sub", "not for you either");
        const std::string id = HttpCall::publish(hub.port(), "mine", "yours");
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(id, event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("yours"), event.data);
    }

    void testJsonDataArrivesAsJsonText()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=t");
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish", "{\"topic\":\"t\",\"data\":{\"price\":[1,2.5,\"x\"]}}");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(result.jsonString("id"), event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("message"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"price\":[1,2.5,\"x\"]}"), event.data);
    }

    void testMultiLineDataArrivesWhole()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=t");
        HttpCall::publish(hub.port(), "t", "one\ntwo\r\nthree\rfour");
        HttpCall::publish(hub.port(), "t", "");
        HttpCall::publish(hub.port(), "t", "\xE2\x82\xAC 5 \xF0\x9F\x93\x88");
        // A browser joins data lines with LF, whatever break the publisher used.
        CPPUNIT_ASSERT_EQUAL(std::string("one\ntwo\nthree\nfour"), client.expect().data);
        CPPUNIT_ASSERT_EQUAL(std::string(""), client.expect().data);
        CPPUNIT_ASSERT_EQUAL(std::string("\xE2\x82\xAC 5 \xF0\x9F\x93\x88"), client.expect().data);
    }

    void testFormEncodedPublish()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=forms");
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish", "topic=forms&type=notice&data=hello+world%0Aline%202",
                           "application/x-www-form-urlencoded");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(result.jsonString("id"), event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("notice"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("hello world\nline 2"), event.data);

        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/publish", "topic=forms",
                                                 "application/x-www-form-urlencoded; charset=utf-8")
                                      .status);
        const SseClient::Event bare = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("message"), bare.type);
        CPPUNIT_ASSERT_EQUAL(std::string(""), bare.data);
    }

    void testBodyIsTheDataWhenTheQueryNamesTheTopic()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=logs/app");
        const HttpCall::Result result = HttpCall::post(hub.port(), "/publish?topic=logs%2Fapp&type=line",
                                                       "GET /x 200\n{not json", "text/plain");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        const SseClient::Event event = client.expect();
        CPPUNIT_ASSERT_EQUAL(result.jsonString("id"), event.id);
        CPPUNIT_ASSERT_EQUAL(std::string("line"), event.type);
        CPPUNIT_ASSERT_EQUAL(std::string("GET /x 200\n{not json"), event.data);

        // Whatever the Content-Type says, the body is not read for topic or type.
        CPPUNIT_ASSERT_EQUAL(
            201, HttpCall::post(hub.port(), "/publish?topic=logs/app", "{\"topic\":\"other\",\"price\":1}")
                     .status);
        const SseClient::Event json = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("message"), json.type);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"topic\":\"other\",\"price\":1}"), json.data);
    }

    void testBatchPublish()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=a&topic=b");
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish",
                           "[{\"topic\":\"a\",\"data\":\"1\"},{\"topic\":\"b\",\"type\":\"t\",\"data\":2},"
                           "{\"topic\":\"a\",\"data\":null}]");
        CPPUNIT_ASSERT_EQUAL(201, result.status);
        const Poco::JSON::Object::Ptr body = result.json().extract<Poco::JSON::Object::Ptr>();
        const Poco::JSON::Array::Ptr ids = body->getArray("ids");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), ids->size());
        CPPUNIT_ASSERT_EQUAL(ids->getElement<std::string>(2), body->getValue<std::string>("id"));
        const std::vector<std::string> data = {"1", "2", "null"};
        for (unsigned i = 0; i < 3; ++i)
        {
            const SseClient::Event event = client.expect();
            CPPUNIT_ASSERT_EQUAL(ids->getElement<std::string>(i), event.id);
            CPPUNIT_ASSERT_EQUAL(data[i], event.data);
        }
    }

    void testBadBatchPublishesNothing()
    {
        TestDaemon hub;
        SseClient client(hub.port(), "/events?topic=a");
        const HttpCall::Result result =
            HttpCall::post(hub.port(), "/publish",
                           "[{\"topic\":\"a\",\"data\":\"first\"},{\"topic\":\"a\",\"type\":\"x\\ny\"}]");
        CPPUNIT_ASSERT_EQUAL(400, result.status);
        CPPUNIT_ASSERT(result.jsonString("error").find("type") != std::string::npos);
        const std::string marker = HttpCall::publish(hub.port(), "a", "after");
        CPPUNIT_ASSERT_EQUAL(marker, client.expect().id);
        const HttpCall::Result topics = HttpCall::get(hub.port(), "/topics");
        CPPUNIT_ASSERT(topics.body.find("\"held\":1") != std::string::npos);
    }

    void testRetryIsSentAtConnect()
    {
        TestDaemon hub(TestDaemon::Settings{{"sse.retry_ms", "1234"}});
        SseClient client(hub.port(), "/events?topic=t");
        SseClient::Event none;
        client.next(none, 300);
        CPPUNIT_ASSERT_EQUAL(1234, client.retry());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishSubscribeTest);
