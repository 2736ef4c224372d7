//
// TopicWatchersTest.cpp
//

#include "feeds/TopicWatchers.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::EventPtr;
using feedhub::TopicWatchers;

class TopicWatchersTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TopicWatchersTest);
    CPPUNIT_TEST(testWatcherHearsItsTopicOnly);
    CPPUNIT_TEST(testRemovedWatcherHearsNothing);
    CPPUNIT_TEST(testThrowingWatcherDoesNotStopOthers);
    CPPUNIT_TEST_SUITE_END();

public:
    void testWatcherHearsItsTopicOnly()
    {
        TopicWatchers watchers;
        std::vector<std::uint64_t> heard;
        watchers.add("tasks", [&](const EventPtr& event) { heard.push_back(event->sequence()); });
        watchers.deliver(event("tasks", 1));
        watchers.deliver(event("news", 2));
        watchers.deliver(event("tasks", 3));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), heard.size());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), heard[0]);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), heard[1]);
    }

    void testRemovedWatcherHearsNothing()
    {
        TopicWatchers watchers;
        int heard = 0;
        const TopicWatchers::Handle handle = watchers.add("tasks", [&](const EventPtr&) { ++heard; });
        watchers.add("tasks", [&](const EventPtr&) { heard += 10; });
        watchers.remove(handle);
        watchers.deliver(event("tasks", 1));
        CPPUNIT_ASSERT_EQUAL(10, heard);
    }

    void testThrowingWatcherDoesNotStopOthers()
    {
        TopicWatchers watchers;
        int heard = 0;
        watchers.add("tasks", [](const EventPtr&) { throw Poco::SyntaxException("not a task"); });
        watchers.add("tasks", [&](const EventPtr&) { ++heard; });
        watchers.deliver(event("tasks", 1));
        CPPUNIT_ASSERT_EQUAL(1, heard);
    }

private:
    static EventPtr event(const std::string& topic, std::uint64_t sequence)
    {
        return std::make_shared<const feedhub::Event>(topic, sequence, "message", "{}", Poco::Timestamp());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopicWatchersTest);
