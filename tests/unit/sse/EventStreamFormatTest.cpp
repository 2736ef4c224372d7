//
// EventStreamFormatTest.cpp
//

#include "sse/EventStreamFormat.h"
#include "Poco/Exception.h"
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
    CPPUNIT_TEST(testMultiLine);
    CPPUNIT_TEST(testOnlyLineBreaks);
    CPPUNIT_TEST(testEmptyData);
    CPPUNIT_TEST(testTrailingNewlineKeepsEmptyLine);
    CPPUNIT_TEST(testFieldWithNulRefused);
    CPPUNIT_TEST(testFieldWithLineBreakRefused);
    CPPUNIT_TEST(testIdWithLineBreakRefused);
    CPPUNIT_TEST(testTypeWithNulRefused);
    CPPUNIT_TEST(testRefusalNamesTheField);
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
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: hi\n\n"),
                             EventStreamFormat::event("t:1", "message", "hi"));
    }

    void testLineFeedSplitsData()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: b\n\n"),
                             EventStreamFormat::event("t:1", "message", "a\nb"));
    }

    void testCarriageReturnSplitsData()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: b\n\n"),
                             EventStreamFormat::event("t:1", "message", "a\rb"));
    }

    void testCrLfIsOneBreak()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: b\n\n"),
                             EventStreamFormat::event("t:1", "message", "a\r\nb"));
        // LF then CR is two breaks, not one.
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: b\ndata: \ndata: c\n\n"),
                             EventStreamFormat::event("t:1", "message", "b\n\rc"));
    }

    void testMultiLine()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string("id: t:1\nevent: log\ndata: one\ndata: two\ndata: three\ndata: four\n\n"),
            EventStreamFormat::event("t:1", "log", "one\ntwo\r\nthree\rfour"));
    }

    void testOnlyLineBreaks()
    {
        // CR CR is two breaks and CRLF CRLF is two: each gives an empty line of data.
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: \ndata: \ndata: \n\n"),
                             EventStreamFormat::event("t:1", "message", "\r\r"));
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: \ndata: \ndata: \n\n"),
                             EventStreamFormat::event("t:1", "message", "\r\n\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: \ndata: \n\n"),
                             EventStreamFormat::event("t:1", "message", "\n"));
    }

    void testEmptyData()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: \n\n"),
                             EventStreamFormat::event("t:1", "message", ""));
    }

    void testTrailingNewlineKeepsEmptyLine()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("id: t:1\ndata: a\ndata: \n\n"),
                             EventStreamFormat::event("t:1", "message", "a\n"));
    }

    void testFieldWithNulRefused()
    {
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("id", std::string("a\0b", 3)),
                             Poco::InvalidArgumentException);
    }

    void testFieldWithLineBreakRefused()
    {
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("type", "a\nb"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("type", "a\rb"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_NO_THROW(EventStreamFormat::checkField("type", "stock_update"));
    }

    void testIdWithLineBreakRefused()
    {
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("id", "t:1\n"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("id", "t:1\rdata: x"),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("id", "\r\n"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_NO_THROW(EventStreamFormat::checkField("id", "stocks/NASDAQ:AAPL:17"));
    }

    void testTypeWithNulRefused()
    {
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("type", std::string("\0", 1)),
                             Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(EventStreamFormat::checkField("type", std::string("tick\0", 5)),
                             Poco::InvalidArgumentException);
    }

    void testRefusalNamesTheField()
    {
        try
        {
            EventStreamFormat::checkField("type", "a\nb");
            CPPUNIT_FAIL("a type with LF was accepted");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT(exc.message().find("type") == 0);
        }
    }

    void testRetryAndHeartbeat()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("retry: 2500\n\n"), EventStreamFormat::retry(2500));
        const std::string heartbeat = EventStreamFormat::heartbeat();
        CPPUNIT_ASSERT_EQUAL(':', heartbeat[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("\n\n"), heartbeat.substr(heartbeat.size() - 2));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventStreamFormatTest);
