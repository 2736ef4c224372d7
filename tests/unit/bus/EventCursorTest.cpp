//
// EventCursorTest.cpp
//

#include "bus/EventCursor.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::EventCursor;

class EventCursorTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EventCursorTest);
    CPPUNIT_TEST(testEventIdForm);
    CPPUNIT_TEST(testTopicWithColons);
    CPPUNIT_TEST(testBareSequence);
    CPPUNIT_TEST(testLargestSequence);
    CPPUNIT_TEST(testGarbageRefused);
    CPPUNIT_TEST(testMessageQuotesTheId);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEventIdForm()
    {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1763754000123456), EventCursor::parse("news:1763754000123456"));
    }

    void testTopicWithColons()
    {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(42), EventCursor::parse("stocks:NASDAQ:AAPL:42"));
    }

    void testBareSequence()
    {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(42), EventCursor::parse("42"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), EventCursor::parse("0"));
    }

    void testLargestSequence()
    {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(18446744073709551615ULL),
                             EventCursor::parse("t:18446744073709551615"));
        CPPUNIT_ASSERT_THROW(EventCursor::parse("t:18446744073709551616"), Poco::SyntaxException);
    }

    void testGarbageRefused()
    {
        for (const char* text : {"", "news", "news:", ":", "-1", "t:-1", "+5", "t: 5", " 5", "5 ", "0x10",
                                 "t:1e3", "t:12abc", "1,000", "t:5\n", "\xff\xfe"})
            CPPUNIT_ASSERT_THROW_MESSAGE(text, EventCursor::parse(text), Poco::SyntaxException);
        CPPUNIT_ASSERT_THROW(EventCursor::parse(std::string("t:5\0", 4)), Poco::SyntaxException);
    }

    void testMessageQuotesTheId()
    {
        try
        {
            EventCursor::parse("yesterday");
            CPPUNIT_FAIL("garbage was accepted");
        }
        catch (const Poco::SyntaxException& exc)
        {
            CPPUNIT_ASSERT(exc.message().find("'yesterday'") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventCursorTest);
