//
// WebSocketRequestTest.cpp
//

#include "ws/WebSocketRequest.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::WebSocketRequest;

namespace
{

WebSocketRequest parse(const std::string& text)
{
    WebSocketRequest::Limits limits;
    limits.maxTopics = 3;
    limits.maxPublishBytes = 200;
    return WebSocketRequest::parse(text, limits);
}

} // namespace

class WebSocketRequestTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WebSocketRequestTest);
    CPPUNIT_TEST(testSubscribe);
    CPPUNIT_TEST(testSubscribeResumes);
    CPPUNIT_TEST(testUnsubscribe);
    CPPUNIT_TEST(testPublish);
    CPPUNIT_TEST(testRefIsEchoedAsJson);
    CPPUNIT_TEST(testRefSurvivesAnError);
    CPPUNIT_TEST(testMalformedMessages);
    CPPUNIT_TEST(testTopicRules);
    CPPUNIT_TEST(testPublishRules);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSubscribe()
    {
        const WebSocketRequest request = parse(R"({"op":"subscribe","topics":["a","b","a"]})");
        CPPUNIT_ASSERT_EQUAL(std::string(), request.error);
        CPPUNIT_ASSERT(request.op == WebSocketRequest::Op::SUBSCRIBE);
        CPPUNIT_ASSERT(request.topics == std::vector<std::string>({"a", "b"}));
        CPPUNIT_ASSERT(!request.resumeAfter);
        CPPUNIT_ASSERT_EQUAL(std::string(), request.ref);
    }

    void testSubscribeResumes()
    {
        const WebSocketRequest request = parse(R"({"op":"subscribe","topics":["a"],"lastEventId":"a:42"})");
        CPPUNIT_ASSERT_EQUAL(std::string(), request.error);
        CPPUNIT_ASSERT(request.resumeAfter && *request.resumeAfter == 42);
        CPPUNIT_ASSERT(!parse(R"({"op":"subscribe","topics":["a"],"lastEventId":null})").resumeAfter);
        CPPUNIT_ASSERT(!parse(R"({"op":"subscribe","topics":["a"],"lastEventId":"x:y"})").error.empty());
        CPPUNIT_ASSERT(!parse(R"({"op":"subscribe","topics":["a"],"lastEventId":7})").error.empty());
    }

    void testUnsubscribe()
    {
        const WebSocketRequest request = parse(R"({"op":"unsubscribe","topics":["b"],"ref":"u1"})");
        CPPUNIT_ASSERT_EQUAL(std::string(), request.error);
        CPPUNIT_ASSERT(request.op == WebSocketRequest::Op::UNSUBSCRIBE);
        CPPUNIT_ASSERT(request.topics == std::vector<std::string>({"b"}));
        CPPUNIT_ASSERT_EQUAL(std::string("\"u1\""), request.ref);
    }

    void testPublish()
    {
        const WebSocketRequest request =
            parse(R"({"op":"publish","topic":"news","type":"flash","data":{"n":1},"ref":9})");
        CPPUNIT_ASSERT_EQUAL(std::string(), request.error);
        CPPUNIT_ASSERT(request.op == WebSocketRequest::Op::PUBLISH);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), request.publications.size());
        CPPUNIT_ASSERT_EQUAL(std::string("news"), request.publications[0].topic);
        CPPUNIT_ASSERT_EQUAL(std::string("flash"), request.publications[0].type);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"n\":1}"), request.publications[0].data);
        CPPUNIT_ASSERT_EQUAL(std::string("9"), request.ref);
    }

    void testRefIsEchoedAsJson()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\\"b\""),
                             parse(R"({"op":"unsubscribe","topics":["a"],"ref":"a\"b"})").ref);
        CPPUNIT_ASSERT_EQUAL(std::string("2.5"),
                             parse(R"({"op":"unsubscribe","topics":["a"],"ref":2.5})").ref);
        CPPUNIT_ASSERT(!parse(R"({"op":"unsubscribe","topics":["a"],"ref":{"x":1}})").error.empty());
        CPPUNIT_ASSERT(!parse(R"({"op":"unsubscribe","topics":["a"],"ref":true})").error.empty());
    }

    void testRefSurvivesAnError()
    {
        const WebSocketRequest request = parse(R"({"op":"subscribe","topics":[],"ref":"s1"})");
        CPPUNIT_ASSERT(!request.error.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("\"s1\""), request.ref);
        CPPUNIT_ASSERT(request.topics.empty());
    }

    void testMalformedMessages()
    {
        for (const char* text :
             {"", "not json", "[1,2]", "42", "{\"topics\":[\"a\"]}", "{\"op\":\"dance\"}", "{\"op\":7}",
              "{\"op\":\"subscribe\"}", "{\"op\":\"subscribe\",\"topics\":\"a\"}",
              "{\"op\":\"subscribe\",\"topics\":[1]}", "{\"op\":\"publish\""})
        {
            const WebSocketRequest request = parse(text);
            CPPUNIT_ASSERT_MESSAGE(text, !request.error.empty());
        }
    }

    void testTopicRules()
    {
        CPPUNIT_ASSERT(!parse(R"({"op":"subscribe","topics":["bad topic"]})").error.empty());
        const WebSocketRequest tooMany = parse(R"({"op":"subscribe","topics":["a","b","c","d"]})");
        CPPUNIT_ASSERT(tooMany.error.find("too many topics") != std::string::npos);
    }

    void testPublishRules()
    {
        CPPUNIT_ASSERT(!parse(R"({"op":"publish","type":"x"})").error.empty());
        const WebSocketRequest tooBig =
            parse(R"({"op":"publish","topic":"news","data":")" + std::string(200, 'x') + "\"}");
        CPPUNIT_ASSERT(tooBig.error.find("larger than") != std::string::npos);
        CPPUNIT_ASSERT(tooBig.publications.empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebSocketRequestTest);
