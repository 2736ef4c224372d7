//
// JsonLogFormatterTest.cpp
//

#include "log/JsonLogFormatter.h"
#include "Poco/DateTime.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Message.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::JsonLogFormatter;

class JsonLogFormatterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JsonLogFormatterTest);
    CPPUNIT_TEST(testLineHasTimeLevelLoggerAndMessage);
    CPPUNIT_TEST(testTextIsEscaped);
    CPPUNIT_TEST(testStructuredFieldsJoinTheLine);
    CPPUNIT_TEST_SUITE_END();

public:
    void testLineHasTimeLevelLoggerAndMessage()
    {
        Poco::Message message("feedhub.feeds", "feed clock started", Poco::Message::PRIO_WARNING);
        message.setTime(Poco::DateTime(2026, 12, 3, 12, 30, 5, 250).timestamp());
        const Poco::JSON::Object::Ptr line = format(message);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-12-03T12:30:05.250Z"), line->getValue<std::string>("time"));
        CPPUNIT_ASSERT_EQUAL(std::string("warning"), line->getValue<std::string>("level"));
        CPPUNIT_ASSERT_EQUAL(std::string("feedhub.feeds"), line->getValue<std::string>("logger"));
        CPPUNIT_ASSERT_EQUAL(std::string("feed clock started"), line->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), line->size());
    }

    void testTextIsEscaped()
    {
        const std::string text = "a \"quoted\" line\nand a second\\";
        const Poco::JSON::Object::Ptr line = format(Poco::Message("x", text, Poco::Message::PRIO_ERROR));
        CPPUNIT_ASSERT_EQUAL(text, line->getValue<std::string>("message"));
    }

    void testStructuredFieldsJoinTheLine()
    {
        Poco::Message message("feedhub.access", "GET / 200", Poco::Message::PRIO_INFORMATION);
        message.set(JsonLogFormatter::FIELDS, R"({"method":"GET","status":200,"duration_ms":0.5})");
        const Poco::JSON::Object::Ptr line = format(message);
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), line->getValue<std::string>("method"));
        CPPUNIT_ASSERT_EQUAL(200, line->getValue<int>("status"));
        CPPUNIT_ASSERT_EQUAL(0.5, line->getValue<double>("duration_ms"));
        CPPUNIT_ASSERT_EQUAL(std::string("GET / 200"), line->getValue<std::string>("message"));
    }

private:
    static Poco::JSON::Object::Ptr format(const Poco::Message& message)
    {
        JsonLogFormatter formatter;
        std::string text;
        formatter.format(message, text);
        CPPUNIT_ASSERT_MESSAGE(text, text.find('\n') == std::string::npos);
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonLogFormatterTest);
