//
// TopicNameTest.cpp
//

#include "feedhub/TopicName.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::TopicName;

class TopicNameTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TopicNameTest);
    CPPUNIT_TEST(testEveryAllowedCharacter);
    CPPUNIT_TEST(testEmptyRefused);
    CPPUNIT_TEST(testLengthLimit);
    CPPUNIT_TEST(testOtherCharactersRefused);
    CPPUNIT_TEST(testCheckNamesTopicAndRule);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryAllowedCharacter()
    {
        CPPUNIT_ASSERT(TopicName::isValid("abcdefghijklmnopqrstuvwxyz"));
        CPPUNIT_ASSERT(TopicName::isValid("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        CPPUNIT_ASSERT(TopicName::isValid("0123456789"));
        CPPUNIT_ASSERT(TopicName::isValid("stocks/NASDAQ:AAPL.price_v2-live"));
        CPPUNIT_ASSERT(TopicName::isValid("x"));
        CPPUNIT_ASSERT(TopicName::isValid("::"));
        CPPUNIT_ASSERT_NO_THROW(TopicName::check("tasks/42"));
    }

    void testEmptyRefused()
    {
        CPPUNIT_ASSERT(!TopicName::isValid(""));
        CPPUNIT_ASSERT_THROW(TopicName::check(""), Poco::InvalidArgumentException);
    }

    void testLengthLimit()
    {
        CPPUNIT_ASSERT(TopicName::isValid(std::string(128, 'a')));
        CPPUNIT_ASSERT(!TopicName::isValid(std::string(129, 'a')));
        CPPUNIT_ASSERT_THROW(TopicName::check(std::string(129, 'a')), Poco::InvalidArgumentException);
    }

    void testOtherCharactersRefused()
    {
        for (const char* name : {"a b", "a\tb", "a\nb", "a\rb", "a,b", "a;b", "a?b", "a&b", "a=b", "a#b",
                                 "a%20b", "a+b", "a*b", "a\\b", "a\"b", "a'b", "a<b", "caf\xC3\xA9"})
            CPPUNIT_ASSERT_MESSAGE(name, !TopicName::isValid(name));
        CPPUNIT_ASSERT(!TopicName::isValid(std::string("a\0b", 3)));
    }

    void testCheckNamesTopicAndRule()
    {
        try
        {
            TopicName::check("bad topic");
            CPPUNIT_FAIL("a topic with a space was accepted");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT(exc.message().find("'bad topic'") != std::string::npos);
            CPPUNIT_ASSERT(exc.message().find("128") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopicNameTest);
