//
// TopicPatternsTest.cpp
//

#include "auth/TopicPatterns.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::TopicPatterns;

class TopicPatternsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TopicPatternsTest);
    CPPUNIT_TEST(testExactNameMatchesOnlyItself);
    CPPUNIT_TEST(testPrefixMatchesWhatStartsWithIt);
    CPPUNIT_TEST(testStarAloneMatchesEverything);
    CPPUNIT_TEST(testNamesExactlyIgnoresWildcards);
    CPPUNIT_TEST(testEmptyMatchesNothing);
    CPPUNIT_TEST(testInvalidPatternsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testExactNameMatchesOnlyItself()
    {
        const TopicPatterns patterns({"news"});
        CPPUNIT_ASSERT(patterns.matches("news"));
        CPPUNIT_ASSERT(!patterns.matches("news2"));
        CPPUNIT_ASSERT(!patterns.matches("new"));
        CPPUNIT_ASSERT(!patterns.matches("alerts"));
    }

    void testPrefixMatchesWhatStartsWithIt()
    {
        const TopicPatterns patterns({"chat.*"});
        CPPUNIT_ASSERT(patterns.matches("chat.room1"));
        CPPUNIT_ASSERT(patterns.matches("chat.a.b"));
        CPPUNIT_ASSERT(!patterns.matches("chat"));
        CPPUNIT_ASSERT(!patterns.matches("chatter"));
        CPPUNIT_ASSERT(!patterns.matches("xchat.room"));
    }

    void testStarAloneMatchesEverything()
    {
        const TopicPatterns patterns({"*"});
        CPPUNIT_ASSERT(patterns.matches("anything"));
        CPPUNIT_ASSERT(patterns.matches("tasks"));
    }

    void testNamesExactlyIgnoresWildcards()
    {
        CPPUNIT_ASSERT(!TopicPatterns({"*"}).namesExactly("tasks"));
        CPPUNIT_ASSERT(!TopicPatterns({"task*"}).namesExactly("tasks"));
        CPPUNIT_ASSERT(TopicPatterns({"news", "tasks"}).namesExactly("tasks"));
    }

    void testEmptyMatchesNothing()
    {
        CPPUNIT_ASSERT(!TopicPatterns().matches("news"));
        CPPUNIT_ASSERT(TopicPatterns().empty());
    }

    void testInvalidPatternsRefused()
    {
        for (const char* pattern : {"", "a*b", "**", "a b", "*.x", "ch*at*"})
            CPPUNIT_ASSERT_MESSAGE(pattern, !TopicPatterns::isPattern(pattern));
        CPPUNIT_ASSERT_THROW(TopicPatterns({"news", "bad topic"}), Poco::InvalidArgumentException);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopicPatternsTest);
