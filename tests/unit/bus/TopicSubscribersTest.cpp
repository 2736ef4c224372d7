//
// TopicSubscribersTest.cpp
//

#include "bus/TopicSubscribers.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::Bus;
using feedhub::TopicSubscribers;

class TopicSubscribersTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TopicSubscribersTest);
    CPPUNIT_TEST(testCountsGoUpAndDown);
    CPPUNIT_TEST(testMergeFillsCountsAndAddsWatchedTopics);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCountsGoUpAndDown()
    {
        TopicSubscribers subscribers;
        subscribers.add("news", 1);
        subscribers.add("news", 2);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), subscribers.of("news"));
        CPPUNIT_ASSERT(subscribers.watched("news"));
        subscribers.add("news", -3);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), subscribers.of("news"));
        CPPUNIT_ASSERT(!subscribers.watched("news"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), subscribers.of("never"));
    }

    void testMergeFillsCountsAndAddsWatchedTopics()
    {
        TopicSubscribers subscribers;
        subscribers.add("alerts", 2);
        subscribers.add("news", 1);
        subscribers.add("zebra", 4);
        const std::vector<Bus::TopicStatus> merged =
            subscribers.merge({Bus::TopicStatus{"logs", 0, 3, 30}, Bus::TopicStatus{"news", 0, 5, 50}});
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), merged.size());
        CPPUNIT_ASSERT_EQUAL(std::string("alerts"), merged[0].name);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), merged[0].subscribers);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), merged[0].held);
        CPPUNIT_ASSERT_EQUAL(std::string("logs"), merged[1].name);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), merged[1].subscribers);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), merged[1].held);
        CPPUNIT_ASSERT_EQUAL(std::string("news"), merged[2].name);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), merged[2].subscribers);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(50), merged[2].lastSequence);
        CPPUNIT_ASSERT_EQUAL(std::string("zebra"), merged[3].name);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), merged[3].subscribers);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopicSubscribersTest);
