//
// JsonTextTest.cpp
//

#include "feedhub/JsonText.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::JsonText;

class JsonTextTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JsonTextTest);
    CPPUNIT_TEST(testNestedValuesOnOneLine);
    CPPUNIT_TEST(testStringsAreEscaped);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNestedValuesOnOneLine()
    {
        Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
        rows->add(1);
        rows->add(2.5);
        Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
        inner->set("rows", rows);
        Poco::JSON::Object::Ptr outer = new Poco::JSON::Object;
        outer->set("data", inner);
        outer->set("ok", true);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"data\":{\"rows\":[1,2.5]},\"ok\":true}"),
                             JsonText::format(outer));
    }

    void testStringsAreEscaped()
    {
        Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
        object->set("message", "line one\nline \"two\"");
        const std::string text = JsonText::format(object);
        CPPUNIT_ASSERT(text.find('\n') == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"message\":\"line one\\nline \\\"two\\\"\"}"), text);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonTextTest);
