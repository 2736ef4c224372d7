//
// PublishRequestTest.cpp
//

#include "publish/PublishRequest.h"
#include "feedhub/HttpError.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::HttpError;
using feedhub::Publication;
using feedhub::PublishRequest;

class PublishRequestTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PublishRequestTest);
    CPPUNIT_TEST(testOneEvent);
    CPPUNIT_TEST(testBatchKeepsOrder);
    CPPUNIT_TEST(testStructuredDataIsWrittenBackAsJson);
    CPPUNIT_TEST(testScalarDataIsWrittenAsJsonText);
    CPPUNIT_TEST(testTypeDefaults);
    CPPUNIT_TEST(testLastOfARepeatedMemberCounts);
    CPPUNIT_TEST(testOtherMembersAreIgnored);
    CPPUNIT_TEST(testEventErrors);
    CPPUNIT_TEST(testBatchErrors);
    CPPUNIT_TEST(testMalformedJson);
    CPPUNIT_TEST(testForm);
    CPPUNIT_TEST(testTopicInQueryTakesBodyAsData);
    CPPUNIT_TEST(testQueryErrors);
    CPPUNIT_TEST(testUnsupportedContentType);
    CPPUNIT_TEST(testJsonSentAsFormSaysWhichHeader);
    CPPUNIT_TEST(testJsonWithoutContentTypeSaysWhichHeader);
    CPPUNIT_TEST(testFormSentAsJsonSaysSo);
    CPPUNIT_TEST(testBatchErrorNamesTheItem);
    CPPUNIT_TEST(testAnswer);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOneEvent()
    {
        const auto events = json(R"({"topic":"quotes","type":"tick","data":"AAPL 1"})");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        assertPublication("quotes", "tick", "AAPL 1", events[0]);
    }

    void testBatchKeepsOrder()
    {
        const auto events = json(R"([{"topic":"a","data":"1"},{"topic":"b","data":"2"},{"topic":"a"}])");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), events.size());
        assertPublication("a", "message", "1", events[0]);
        assertPublication("b", "message", "2", events[1]);
        assertPublication("a", "message", "", events[2]);
    }

    void testStructuredDataIsWrittenBackAsJson()
    {
        // Written back compact by Poco's Stringifier, object members sorted.
        assertData(R"({"price":1.5,"symbol":"AAPL","tags":["a",null,true]})",
                   R"({"symbol":"AAPL","price":1.5,"tags":["a",null,true]})");
        assertData(R"([1,{"a":[]},"x"])", R"([1, {"a": []}, "x"])");
        assertData("{}", "{}");
        // Members after a structured data value are still read.
        const auto events = json(R"({"data":{"n":{"m":[1]}},"topic":"t","type":"x"})");
        assertPublication("t", "x", R"({"n":{"m":[1]}})", events[0]);
    }

    void testScalarDataIsWrittenAsJsonText()
    {
        assertData("5", "5");
        assertData("-7", "-7");
        assertData("18446744073709551615", "18446744073709551615");
        assertData("1.25", "1.25");
        assertData("true", "true");
        assertData("null", "null");
    }

    void testTypeDefaults()
    {
        assertPublication("t", "message", "", json(R"({"topic":"t","type":""})")[0]);
        assertPublication("t", "message", "", json(R"({"topic":"t","type":null})")[0]);
    }

    void testLastOfARepeatedMemberCounts()
    {
        assertPublication(
            "b", "y", "2",
            json(R"({"topic":"a","type":"x","data":"1","topic":"b","type":"y","data":"2"})")[0]);
        // A wrong value given first and then set right is right, as in a Poco::JSON::Object.
        assertPublication("t", "message", "{}", json(R"({"topic":5,"topic":"t","data":"x","data":{}})")[0]);
        assertPublication("t", "message", "", json(R"({"topic":"t","type":"x","type":null})")[0]);
    }

    void testOtherMembersAreIgnored()
    {
        assertPublication(
            "t", "message", "d",
            json(R"({"extra":{"topic":"no","data":[{"topic":"no"}]},"topic":"t","id":7,"data":"d"})")[0]);
    }

    void testEventErrors()
    {
        assertRefused(400, "\"topic\" is required", R"({"data":"x"})");
        assertRefused(400, "\"topic\" is required", R"({"topic":null})");
        assertRefused(400, "\"topic\" must be a string", R"({"topic":5})");
        assertRefused(400, "\"topic\" must be a string", R"({"topic":{"a":"b"}})");
        assertRefused(400, "\"topic\" must be a string", R"({"topic":["t"]})");
        assertRefused(400, "\"type\" must be a string", R"({"topic":"t","type":[]})");
        assertRefused(400, "\"type\" must be a string", R"({"topic":"t","type":false})");
        assertRefused(400, "\"topic\" must be a string", R"({"topic":"t","topic":1.5})");
        assertRefused(400, "an event must be a JSON object with \"topic\"", R"("just a string")");
    }

    void testBatchErrors()
    {
        assertRefused(400, "a batch holds 1 to 1000 events", "[]");
        std::string tooMany = "[";
        for (int i = 0; i < 1001; ++i)
            tooMany += std::string(i ? "," : "") + R"({"topic":"t"})";
        assertRefused(400, "a batch holds 1 to 1000 events", tooMany + "]");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1000), json(tooMany.substr(0, tooMany.size() - 14) + "]").size());
        // The batch's size is said before what is wrong with its events.
        assertRefused(400, "a batch holds 1 to 1000 events", "[7" + tooMany.substr(tooMany.find(',')) + "]");
        assertRefused(400, "an event must be a JSON object with \"topic\"", R"([{"topic":"t"},7])");
        assertRefused(400, "an event must be a JSON object with \"topic\"", R"([{"topic":"t"},"x"])");
        assertRefused(400, "an event must be a JSON object with \"topic\"", R"([null])");
        assertRefused(400, "an event must be a JSON object with \"topic\"", R"([[{"topic":"t"}]])");
        // The first wrong event is the one named.
        assertRefused(400, "\"topic\" is required", R"([{"topic":"t"},{"data":"x"},{"topic":1}])");
    }

    void testMalformedJson()
    {
        assertRefused(400, "malformed JSON", R"({"topic":"t")");
        assertRefused(400, "malformed JSON", R"({"topic":"t"} x)");
        assertRefused(400, "malformed JSON", "");
    }

    void testForm()
    {
        const auto events =
            read("application/x-www-form-urlencoded", "/publish", "topic=t&type=x&data=a%20b");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        assertPublication("t", "x", "a b", events[0]);
    }

    void testTopicInQueryTakesBodyAsData()
    {
        assertPublication("t", "message", "raw {not json",
                          read("text/plain", "/publish?topic=t", "raw {not json").at(0));
        assertPublication(
            "a/b", "tick", R"({"topic":"ignored"})",
            read("application/json", "/publish?topic=a%2Fb&type=tick", R"({"topic":"ignored"})").at(0));
        assertPublication("t", "message", "", read("", "/publish?topic=t", "").at(0));
    }

    void testQueryErrors()
    {
        assertRefused(400, "\"topic\" is required in the query", "text/plain", "/publish?type=x", "data");
        assertRefused(400, "unknown query parameter 'data'", "text/plain", "/publish?topic=t&data=x", "");
    }

    void testUnsupportedContentType()
    {
        assertRefused(415, "Content-Type must be", "text/plain", "/publish", "hello");
        assertRefused(415, "Content-Type must be", "", "/publish", "hello");
    }

    void testJsonSentAsFormSaysWhichHeader()
    {
        // curl -d '{...}' sends Content-Type: application/x-www-form-urlencoded.
        const std::string form = "application/x-www-form-urlencoded";
        const std::string said = "the body is JSON but its Content-Type is '" + form +
                                 "' (what curl -d sends): send the header Content-Type: application/json";
        assertRefusedWith(415, said, form, "/publish", R"({"topic":"news","data":"hello"})");
        assertRefusedWith(415, said, form, "/publish", R"(  [{"topic":"news"}])");
        // A form is still a form.
        assertPublication("news", "message", "{x}", read(form, "/publish", "topic=news&data=%7Bx%7D").at(0));
    }

    void testJsonWithoutContentTypeSaysWhichHeader()
    {
        assertRefusedWith(415,
                          "the body is JSON but the request has no Content-Type: "
                          "send the header Content-Type: application/json",
                          "", "/publish", R"({"topic":"news"})");
        assertRefusedWith(415,
                          "the body is JSON but its Content-Type is 'text/plain': "
                          "send the header Content-Type: application/json",
                          "text/plain", "/publish", "\n[]");
    }

    void testFormSentAsJsonSaysSo()
    {
        const std::string said = "the body is a form (name=value&...) but its Content-Type is application/json: "
                                 "send Content-Type: application/x-www-form-urlencoded, or the body as JSON "
                                 "{\"topic\": ..., \"data\": ...}";
        assertRefusedWith(415, said, "application/json", "/publish", "topic=news&data=hello");
        assertRefusedWith(415, said, "application/json", "/publish", "data=x%20y");
        // Other broken JSON is still named by the parser.
        assertRefused(400, "malformed JSON", "topic");
        assertRefused(400, "malformed JSON", R"({"topic":"a=b")");
    }

    void testBatchErrorNamesTheItem()
    {
        assertRefusedWith(400, "batch item 1 (counting from 0): \"topic\" is required", "application/json",
                          "/publish", R"([{"topic":"t"},{"data":"x"},{"topic":1}])");
        assertRefusedWith(400, "batch item 2 (counting from 0): \"topic\" must be a string", "application/json",
                          "/publish", R"([{"topic":"t"},{"topic":"u"},{"topic":1}])");
        assertRefusedWith(400, "batch item 0 (counting from 0): \"type\" must be a string", "application/json",
                          "/publish", R"([{"topic":"t","type":{}}])");
        assertRefusedWith(400, "batch item 1 (counting from 0): an event must be a JSON object with \"topic\"",
                          "application/json", "/publish", R"([{"topic":"t"},7])");
        assertRefusedWith(400, "batch item 1 (counting from 0): an event must be a JSON object with \"topic\"",
                          "application/json", "/publish", R"([{"topic":"t"},[{"topic":"t"}]])");
        // One event is not a batch.
        assertRefusedWith(400, "\"topic\" is required", "application/json", "/publish", R"({"data":"x"})");
    }

    void testAnswer()
    {
        const std::vector<feedhub::EventPtr> events{
            std::make_shared<const feedhub::Event>("a/b", 7, "message", "x", Poco::Timestamp()),
            std::make_shared<const feedhub::Event>("c", 9, "message", "y", Poco::Timestamp())};
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"id":"c:9","ids":["a/b:7","c:9"]})"),
                             PublishRequest::answer(events));
    }

private:
    static void assertRefusedWith(int status, const std::string& message, const std::string& contentType,
                                  const std::string& target, const std::string& body)
        /// The whole message, not a part of it.
    {
        try
        {
            read(contentType, target, body);
        }
        catch (const HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(status, static_cast<int>(error.status()));
            CPPUNIT_ASSERT_EQUAL(message, std::string(error.what()));
            return;
        }
        CPPUNIT_FAIL("not refused: " + body);
    }

    static std::vector<Publication> read(const std::string& contentType, const std::string& target,
                                         const std::string& body)
    {
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, target);
        if (!contentType.empty())
            request.setContentType(contentType);
        feedhub::HttpRequest parsed;
        parsed.assign(request, body, Poco::Net::SocketAddress());
        return PublishRequest::read(parsed);
    }

    static std::vector<Publication> json(const std::string& body)
    {
        return read("application/json", "/publish", body);
    }

    static void assertPublication(const std::string& topic, const std::string& type, const std::string& data,
                                  const Publication& publication)
    {
        CPPUNIT_ASSERT_EQUAL(topic, publication.topic);
        CPPUNIT_ASSERT_EQUAL(type, publication.type);
        CPPUNIT_ASSERT_EQUAL(data, publication.data);
    }

    static void assertData(const std::string& expected, const std::string& data)
    {
        const auto events = json(R"({"topic":"t","data":)" + data + "}");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
        CPPUNIT_ASSERT_EQUAL(expected, events[0].data);
    }

    static void assertRefused(int status, const std::string& message, const std::string& body)
    {
        assertRefused(status, message, "application/json", "/publish", body);
    }

    static void assertRefused(int status, const std::string& message, const std::string& contentType,
                              const std::string& target, const std::string& body)
    {
        try
        {
            read(contentType, target, body);
        }
        catch (const HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(status, static_cast<int>(error.status()));
            if (std::string(error.what()).find(message) == std::string::npos)
                CPPUNIT_FAIL("\"" + std::string(error.what()) + "\" does not say \"" + message + "\"");
            return;
        }
        CPPUNIT_FAIL("not refused: " + body);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublishRequestTest);
