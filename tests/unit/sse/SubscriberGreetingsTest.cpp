//
// SubscriberGreetingsTest.cpp
//

#include "sse/SubscriberGreetings.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::SubscriberGreeting;
using feedhub::SubscriberGreetings;

class SubscriberGreetingsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SubscriberGreetingsTest);
    CPPUNIT_TEST(testGreetingHasNoIdLine);
    CPPUNIT_TEST(testOnlyGreetersOfRequestedTopicsRun);
    CPPUNIT_TEST(testRemovedGreeterNoLongerGreets);
    CPPUNIT_TEST(testThrowingGreeterIsSkipped);
    CPPUNIT_TEST(testTypeWithLineBreakIsSkipped);
    CPPUNIT_TEST(testGreetingsForOtherTransports);
    CPPUNIT_TEST_SUITE_END();

public:
    void testGreetingsForOtherTransports()
    {
        SubscriberGreetings greetings;
        greetings.add("news", [](const std::string& topic) { return feedhub::SubscriberGreeting{"hi", topic}; });
        greetings.add("news", [](const std::string&) -> feedhub::SubscriberGreeting {
            throw Poco::RuntimeException("broken");
        });
        const std::vector<SubscriberGreetings::TopicGreeting> found = greetings.greetingsFor({"news", "sport"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), found.size());
        CPPUNIT_ASSERT_EQUAL(std::string("news"), found[0].topic);
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), found[0].greeting.type);
        CPPUNIT_ASSERT_EQUAL(std::string("news"), found[0].greeting.data);
    }

    void testGreetingHasNoIdLine()
    {
        SubscriberGreetings greetings;
        greetings.add("news", [](const std::string& topic) {
            return SubscriberGreeting{"connection", "{\"topic\":\"" + topic + "\"}"};
        });
        const std::vector<std::string> frames = greetings.framesFor({"news"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), frames.size());
        CPPUNIT_ASSERT_EQUAL(std::string("event: connection\ndata: {\"topic\":\"news\"}\n\n"), frames[0]);
    }

    void testOnlyGreetersOfRequestedTopicsRun()
    {
        SubscriberGreetings greetings;
        int calls = 0;
        greetings.add("news", [&calls](const std::string&) {
            ++calls;
            return SubscriberGreeting{"hello", "news"};
        });
        greetings.add("sport", [](const std::string&) { return SubscriberGreeting{"hello", "sport"}; });
        CPPUNIT_ASSERT(greetings.framesFor({"weather"}).empty());
        CPPUNIT_ASSERT_EQUAL(0, calls);
        const std::vector<std::string> frames = greetings.framesFor({"sport", "news"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), frames.size());
        CPPUNIT_ASSERT_EQUAL(1, calls);
    }

    void testRemovedGreeterNoLongerGreets()
    {
        SubscriberGreetings greetings;
        const SubscriberGreetings::Handle first = greetings.add("news", [](const std::string&) {
            return SubscriberGreeting{"a", "1"};
        });
        greetings.add("news", [](const std::string&) { return SubscriberGreeting{"b", "2"}; });
        greetings.remove(first);
        const std::vector<std::string> frames = greetings.framesFor({"news"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), frames.size());
        CPPUNIT_ASSERT_EQUAL(std::string("event: b\ndata: 2\n\n"), frames[0]);
    }

    void testThrowingGreeterIsSkipped()
    {
        SubscriberGreetings greetings;
        greetings.add(
            "news", [](const std::string&) -> SubscriberGreeting { throw Poco::RuntimeException("broken"); });
        greetings.add("news", [](const std::string&) { return SubscriberGreeting{"ok", "1"}; });
        const std::vector<std::string> frames = greetings.framesFor({"news"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), frames.size());
        CPPUNIT_ASSERT_EQUAL(std::string("event: ok\ndata: 1\n\n"), frames[0]);
    }

    void testTypeWithLineBreakIsSkipped()
    {
        SubscriberGreetings greetings;
        greetings.add("news", [](const std::string&) { return SubscriberGreeting{"a\nid: 7", "1"}; });
        CPPUNIT_ASSERT(greetings.framesFor({"news"}).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SubscriberGreetingsTest);
