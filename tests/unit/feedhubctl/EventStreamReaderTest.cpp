//
// EventStreamReaderTest.cpp
//

#include "EventStreamReader.h"
#include <cppunit/extensions/HelperMacros.h>
#include <sstream>

using feedhub::EventStreamReader;

class EventStreamReaderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EventStreamReaderTest);
    CPPUNIT_TEST(testEventsAsTheHubWritesThem);
    CPPUNIT_TEST(testDataLinesAreJoinedWithLineFeeds);
    CPPUNIT_TEST(testCommentsAndEmptyFramesAreSkipped);
    CPPUNIT_TEST(testCarriageReturnLineEnds);
    CPPUNIT_TEST(testEventCutOffByTheEndIsNotDispatched);
    CPPUNIT_TEST(testRetry);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEventsAsTheHubWritesThem()
    {
        std::istringstream in("retry: 3000\n\n"
                              "id: news:7\ndata: hello\n\n"
                              "id: news:8\nevent: article\ndata: {\"a\":1}\n\n"
                              "event: welcome\ndata: 3 subscribers\n\n");
        EventStreamReader reader(in);
        assertNext(reader, "news:7", "message", "hello");
        assertNext(reader, "news:8", "article", "{\"a\":1}");
        // A greeting has no id.
        assertNext(reader, "", "welcome", "3 subscribers");
        EventStreamReader::Event event;
        CPPUNIT_ASSERT(!reader.next(event));
    }

    void testDataLinesAreJoinedWithLineFeeds()
    {
        std::istringstream in("id: t:1\ndata: one\ndata:two\ndata\ndata:  three\n\n");
        EventStreamReader reader(in);
        // One space after the colon is dropped, no more; "data" alone is an empty line.
        assertNext(reader, "t:1", "message", "one\ntwo\n\n three");
    }

    void testCommentsAndEmptyFramesAreSkipped()
    {
        std::istringstream in(":\n\n: heartbeat\n\n\n\nid: t:2\n: inside\ndata: x\n\n");
        EventStreamReader reader(in);
        assertNext(reader, "t:2", "message", "x");
    }

    void testCarriageReturnLineEnds()
    {
        std::istringstream in("id: t:3\r\nevent: e\r\ndata: x\r\n\r\n");
        EventStreamReader reader(in);
        assertNext(reader, "t:3", "e", "x");
    }

    void testEventCutOffByTheEndIsNotDispatched()
    {
        std::istringstream in("id: t:4\ndata: whole\n\nid: t:5\ndata: cut");
        EventStreamReader reader(in);
        assertNext(reader, "t:4", "message", "whole");
        EventStreamReader::Event event;
        CPPUNIT_ASSERT(!reader.next(event));
    }

    void testRetry()
    {
        std::istringstream without("data: x\n\n");
        EventStreamReader plain(without);
        CPPUNIT_ASSERT_EQUAL(1500, plain.retryMs(1500));
        std::istringstream in("retry: 250\n\nretry: soon\n\ndata: x\n\n");
        EventStreamReader reader(in);
        assertNext(reader, "", "message", "x");
        // Not a number: ignored, as a browser does.
        CPPUNIT_ASSERT_EQUAL(250, reader.retryMs(1500));
    }

private:
    static void assertNext(EventStreamReader& reader, const std::string& id, const std::string& type,
                           const std::string& data)
    {
        EventStreamReader::Event event;
        CPPUNIT_ASSERT(reader.next(event));
        CPPUNIT_ASSERT_EQUAL(id, event.id);
        CPPUNIT_ASSERT_EQUAL(type, event.type);
        CPPUNIT_ASSERT_EQUAL(data, event.data);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventStreamReaderTest);
