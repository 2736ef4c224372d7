//
// DeadlineQueueTest.cpp
//

#include "loop/DeadlineQueue.h"
#include <algorithm>
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <random>
#include <vector>

namespace
{

struct Owner
{
    explicit Owner(int id) : id(id) {}

    feedhub::DeadlineQueue<Owner>::Entry& deadlineEntry() { return entry; }

    int id;
    feedhub::DeadlineQueue<Owner>::Entry entry;
};

Poco::Clock at(Poco::Clock::ClockVal micros)
{
    return Poco::Clock(micros);
}

} // namespace

class DeadlineQueueTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DeadlineQueueTest);
    CPPUNIT_TEST(testOwnersComeDueSoonestFirst);
    CPPUNIT_TEST(testNothingIsDueBeforeItsDeadline);
    CPPUNIT_TEST(testSettingAgainMovesTheDeadline);
    CPPUNIT_TEST(testClearedEntriesNeverComeDue);
    CPPUNIT_TEST(testManyChangesKeepTheOrder);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOwnersComeDueSoonestFirst()
    {
        Owner a(1), b(2), c(3);
        feedhub::DeadlineQueue<Owner> queue;
        queue.set(b, at(200));
        queue.set(c, at(300));
        queue.set(a, at(100));
        CPPUNIT_ASSERT(queue.soonest() == at(100));
        CPPUNIT_ASSERT_EQUAL(1, queue.popDue(at(1000))->id);
        CPPUNIT_ASSERT_EQUAL(2, queue.popDue(at(1000))->id);
        CPPUNIT_ASSERT_EQUAL(3, queue.popDue(at(1000))->id);
        CPPUNIT_ASSERT(queue.popDue(at(1000)) == nullptr);
        CPPUNIT_ASSERT(!queue.soonest());
        CPPUNIT_ASSERT(!a.entry.queued());
    }

    void testNothingIsDueBeforeItsDeadline()
    {
        Owner a(1);
        feedhub::DeadlineQueue<Owner> queue;
        queue.set(a, at(500));
        CPPUNIT_ASSERT(queue.popDue(at(499)) == nullptr);
        CPPUNIT_ASSERT(a.entry.queued());
        CPPUNIT_ASSERT_EQUAL(1, queue.popDue(at(500))->id);
    }

    void testSettingAgainMovesTheDeadline()
    {
        Owner a(1), b(2);
        feedhub::DeadlineQueue<Owner> queue;
        queue.set(a, at(100));
        queue.set(b, at(200));
        queue.set(a, at(300));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), queue.size());
        CPPUNIT_ASSERT_EQUAL(2, queue.popDue(at(250))->id);
        CPPUNIT_ASSERT(queue.popDue(at(250)) == nullptr);
        queue.set(a, at(50));
        CPPUNIT_ASSERT_EQUAL(1, queue.popDue(at(250))->id);
    }

    void testClearedEntriesNeverComeDue()
    {
        Owner a(1), b(2), c(3);
        feedhub::DeadlineQueue<Owner> queue;
        queue.set(a, at(100));
        queue.set(b, at(200));
        queue.set(c, at(300));
        queue.clear(a);
        queue.clear(a);
        queue.clear(c);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), queue.size());
        CPPUNIT_ASSERT_EQUAL(2, queue.popDue(at(1000))->id);
        CPPUNIT_ASSERT(queue.popDue(at(1000)) == nullptr);
    }

    void testManyChangesKeepTheOrder()
    {
        // Random sets, moves and clears, checked against what should be queued.
        std::mt19937 random(7);
        std::vector<std::unique_ptr<Owner>> owners;
        for (int i = 0; i < 200; ++i)
            owners.push_back(std::make_unique<Owner>(i));
        std::vector<Poco::Clock::ClockVal> expected(owners.size(), -1);
        feedhub::DeadlineQueue<Owner> queue;
        for (int step = 0; step < 5000; ++step)
        {
            Owner& owner = *owners[random() % owners.size()];
            if (random() % 4 == 0)
            {
                queue.clear(owner);
                expected[owner.id] = -1;
            }
            else
            {
                const Poco::Clock::ClockVal deadline = 1 + random() % 10000;
                queue.set(owner, at(deadline));
                expected[owner.id] = deadline;
            }
        }
        const auto queued = static_cast<std::size_t>(
            std::count_if(expected.begin(), expected.end(), [](auto value) { return value >= 0; }));
        CPPUNIT_ASSERT_EQUAL(queued, queue.size());
        Poco::Clock::ClockVal previous = 0;
        std::size_t popped = 0;
        while (Owner* owner = queue.popDue(at(20000)))
        {
            CPPUNIT_ASSERT(expected[owner->id] >= previous);
            previous = expected[owner->id];
            expected[owner->id] = -1;
            ++popped;
        }
        CPPUNIT_ASSERT_EQUAL(queued, popped);
        CPPUNIT_ASSERT(std::all_of(expected.begin(), expected.end(), [](auto value) { return value == -1; }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DeadlineQueueTest);
