//
// ConnectionLimitTest.cpp
//

#include "loop/ConnectionLimit.h"
#include <cppunit/extensions/HelperMacros.h>
#include <thread>
#include <vector>

using feedhub::ConnectionLimit;

class ConnectionLimitTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ConnectionLimitTest);
    CPPUNIT_TEST(testAcquireUpToMaximum);
    CPPUNIT_TEST(testSlotGivesPlaceBackWhenDestroyed);
    CPPUNIT_TEST(testMovedSlotCountsOnce);
    CPPUNIT_TEST(testMoveAssignmentReleasesOldPlace);
    CPPUNIT_TEST(testConcurrentAcquireNeverExceedsMaximum);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAcquireUpToMaximum()
    {
        ConnectionLimit limit(2);
        ConnectionLimit::Slot first = limit.acquire();
        ConnectionLimit::Slot second = limit.acquire();
        ConnectionLimit::Slot third = limit.acquire();
        CPPUNIT_ASSERT(first);
        CPPUNIT_ASSERT(second);
        CPPUNIT_ASSERT(!third);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), limit.count());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), limit.maximum());
    }

    void testSlotGivesPlaceBackWhenDestroyed()
    {
        ConnectionLimit limit(1);
        {
            ConnectionLimit::Slot slot = limit.acquire();
            CPPUNIT_ASSERT(slot);
            CPPUNIT_ASSERT(!limit.acquire());
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), limit.count());
        CPPUNIT_ASSERT(limit.acquire());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), limit.count());
    }

    void testMovedSlotCountsOnce()
    {
        ConnectionLimit limit(3);
        ConnectionLimit::Slot original = limit.acquire();
        ConnectionLimit::Slot moved(std::move(original));
        CPPUNIT_ASSERT(!original);
        CPPUNIT_ASSERT(moved);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), limit.count());
        {
            ConnectionLimit::Slot gone = std::move(moved);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), limit.count());
    }

    void testMoveAssignmentReleasesOldPlace()
    {
        ConnectionLimit limit(3);
        ConnectionLimit::Slot target = limit.acquire();
        ConnectionLimit::Slot source = limit.acquire();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), limit.count());
        target = std::move(source);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), limit.count());
        target = ConnectionLimit::Slot();
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), limit.count());
    }

    void testConcurrentAcquireNeverExceedsMaximum()
    {
        constexpr std::size_t MAXIMUM = 100;
        constexpr int THREADS = 4;
        ConnectionLimit limit(MAXIMUM);
        std::vector<std::vector<ConnectionLimit::Slot>> held(THREADS);
        std::vector<std::thread> threads;
        for (int t = 0; t < THREADS; ++t)
        {
            threads.emplace_back([&limit, &slots = held[t]] {
                for (std::size_t i = 0; i < MAXIMUM; ++i)
                {
                    if (ConnectionLimit::Slot slot = limit.acquire())
                        slots.push_back(std::move(slot));
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        std::size_t granted = 0;
        for (const auto& slots : held)
            granted += slots.size();
        CPPUNIT_ASSERT_EQUAL(MAXIMUM, granted);
        CPPUNIT_ASSERT_EQUAL(MAXIMUM, limit.count());
        held.clear();
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), limit.count());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConnectionLimitTest);
