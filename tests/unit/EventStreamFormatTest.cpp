//
// EventStreamFormatTest.cpp
//

#include "Poco/Exception.h"
#include "feedhub/EventStreamFormat.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::EventStreamFormat;

class EventStreamFormatTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EventStreamFormatTest);
    CPPUNIT_TEST(testSingleLine);
    CPPUNIT_TEST(testDefaultTypeHasNoEventLine);
    CPPUNIT_TEST(testLineFeedSplitsData);
    CPPUNIT_TEST(testCarriageReturnSplitsData);
    CPPUNIT_TEST(testCrLfIsOneBreak);
    CPPUNIT_TEST(testEmptyData);
    CPPUNIT_TEST(testTrailingNewlineKeepsEmptyLine);
    CPPUNIT_TEST(testFieldWithNulRefused);
    CPPUNIT_TEST(testFieldWithLineBreakRefused);
    CPPUNIT_TEST(testRetryAndHeartbeat);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSingleLine()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\nevent: tick\ndata: {\"a\":1}\n\n"),
                             EventStreamFormat::event("t:1", "tick", "{\"a\":1}"));
    }

    void testDefaultTypeHasNoEventLine()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: hi\n\n"), EventStreamFormat::event("t:1", "message", "hi"));
    }

    void testLineFeedSplitsData()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: b\n\n"), EventStreamFormat::event("t:1", "message", "a\nb"));
    }

    void testCarriageReturnSplitsData()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: b\n\n"), EventStreamFormat::event("t:1", "message", "a\rb"));
    }

    void testCrLfIsOneBreak()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: b\n\n"),
                             EventStreamFormat::event("t:1", "message", "a\r\nb"));
        // LF then CR is two breaks, not one.
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: b\ndata: \ndata: c\n\n"),
                             EventStreamFormat::event("t:1", "message", "b\n\rc"));
    }

    void testEmptyData()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: \n\n"), EventStreamFormat::event("t:1", "message", ""));
    }

    void testTrailingNewlineKeepsEmptyLine()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: \n\n"), EventStreamFormat::event("t:1", "message", "a\n"));
    }

    void testFieldWithNulRefused()
    {
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("id", std::string("a\0b", 3)), Poco::InvalidArgumentException);
    }

    void testFieldWithLineBreakRefused()
    {
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("type", "a\nb"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("type", "a\rb"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_NO_THROW(EventStreamFormat::checkField("type", "stock_update"));
    }

    void testRetryAndHeartbeat()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("retry: 2500\n\n"), EventStreamFormat::retry(2500));
        CPPUNIT_ASSERT_EQUAL(':', EventStreamFormat::heartbeat()[0]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventStreamFormatTest);
