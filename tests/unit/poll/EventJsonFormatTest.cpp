//
// EventJsonFormatTest.cpp
//

#include "poll/EventJsonFormat.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::Event;
using feedhub::EventJsonFormat;
using feedhub::EventPtr;

namespace
{

EventPtr makeEvent(const std::string& data, const std::string& type = "message", std::uint64_t sequence = 7)
{
    // 2024-05-01T12:00:00.250Z
    return std::make_shared<const Event>("news", sequence, type, data, Poco::Timestamp(1714564800250000));
}

Poco::JSON::Object::Ptr parse(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

} // namespace

class EventJsonFormatTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EventJsonFormatTest);
    CPPUNIT_TEST(testEventFields);
    CPPUNIT_TEST(testJsonDataIsEmbeddedAsIs);
    CPPUNIT_TEST(testOtherDataIsAString);
    CPPUNIT_TEST(testStringsAreEscaped);
    CPPUNIT_TEST(testIsJsonValue);
    CPPUNIT_TEST(testBatch);
    CPPUNIT_TEST(testEmptyBatch);
    CPPUNIT_TEST(testEventKeepsItsJson);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEventFields()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string("{\"topic\":\"news\",\"id\":\"news:7\",\"type\":\"article\",\"data\":{\"a\":1},"
                        "\"time\":\"2024-05-01T12:00:00.250Z\"}"),
            EventJsonFormat::event(*makeEvent("{\"a\":1}", "article")));
    }

    void testJsonDataIsEmbeddedAsIs()
    {
        for (const std::string data : {"{\"b\":2,\"a\":[1,2.50,null]}", "[]", "42", "-1.5e3", "true", "null",
                                       "\"quoted\"", " {\"padded\": true} "})
        {
            const std::string json = EventJsonFormat::event(*makeEvent(data));
            CPPUNIT_ASSERT_MESSAGE(data, json.find(",\"data\":" + data + ",\"time\"") != std::string::npos);
            CPPUNIT_ASSERT_NO_THROW(parse(json));
        }
    }

    void testOtherDataIsAString()
    {
        for (const std::string data :
             {"hello", "", "1,2", "{\"a\":1,}", "{'a':1}", "[1] [2]", "01", "NaN", "1],[2"})
        {
            const Poco::JSON::Object::Ptr event = parse(EventJsonFormat::event(*makeEvent(data)));
            CPPUNIT_ASSERT_MESSAGE(data, event->get("data").isString());
            CPPUNIT_ASSERT_EQUAL(data, event->getValue<std::string>("data"));
        }
    }

    void testStringsAreEscaped()
    {
        const std::string data = "line one\nline \"two\"\t\\ \x01 caf\xc3\xa9";
        const Poco::JSON::Object::Ptr event = parse(EventJsonFormat::event(*makeEvent(data, "odd \"type\"")));
        CPPUNIT_ASSERT_EQUAL(data, event->getValue<std::string>("data"));
        CPPUNIT_ASSERT_EQUAL(std::string("odd \"type\""), event->getValue<std::string>("type"));
    }

    void testIsJsonValue()
    {
        CPPUNIT_ASSERT(EventJsonFormat::isJsonValue("{}"));
        CPPUNIT_ASSERT(EventJsonFormat::isJsonValue("\"\""));
        CPPUNIT_ASSERT(EventJsonFormat::isJsonValue("0"));
        CPPUNIT_ASSERT(!EventJsonFormat::isJsonValue(""));
        CPPUNIT_ASSERT(!EventJsonFormat::isJsonValue("   "));
        CPPUNIT_ASSERT(!EventJsonFormat::isJsonValue("]"));
        CPPUNIT_ASSERT(!EventJsonFormat::isJsonValue("{} // comment"));
        CPPUNIT_ASSERT(!EventJsonFormat::isJsonValue("\"raw\nbreak\""));
    }

    void testBatch()
    {
        const std::vector<EventPtr> events = {makeEvent("one", "message", 7),
                                              makeEvent("{\"n\":2}", "message", 9)};
        const std::string body = EventJsonFormat::batch(events, 12, true);
        CPPUNIT_ASSERT_EQUAL("{\"events\":[" + events[0]->json() + "," + events[1]->json() +
                                 "],\"cursor\":\"12\",\"truncated\":true}",
                             body);
        const Poco::JSON::Object::Ptr batch = parse(body);
        CPPUNIT_ASSERT_EQUAL(std::string("news:9"),
                             batch->getArray("events")->getObject(1)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("12"), batch->getValue<std::string>("cursor"));
        CPPUNIT_ASSERT(batch->getValue<bool>("truncated"));
    }

    void testEmptyBatch()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string("{\"events\":[],\"cursor\":\"18446744073709551615\",\"truncated\":false}"),
            EventJsonFormat::batch({}, 18446744073709551615ULL, false));
    }

    void testEventKeepsItsJson()
    {
        const EventPtr event = makeEvent("{\"a\":1}");
        const std::string& first = event->json();
        CPPUNIT_ASSERT_EQUAL(EventJsonFormat::event(*event), first);
        CPPUNIT_ASSERT(&first == &event->json());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventJsonFormatTest);
