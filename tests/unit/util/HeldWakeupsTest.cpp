//
// HeldWakeupsTest.cpp
//

#include "util/HeldWakeups.h"
#include <cppunit/extensions/HelperMacros.h>
#include <thread>

using feedhub::HeldWakeups;

namespace
{

struct CountingTarget : HeldWakeups::Target
{
    int wakes = 0;
    void wakeNow() override { ++wakes; }
};

// Runs body on a thread of its own, as an event loop's thread that holds its wake-ups.
template <typename Body> void onLoopThread(Body body)
{
    std::thread thread([&body] {
        HeldWakeups::beginRounds();
        body();
    });
    thread.join();
}

} // namespace

class HeldWakeupsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HeldWakeupsTest);
    CPPUNIT_TEST(testThreadOutsideRoundsWakesAtOnce);
    CPPUNIT_TEST(testRoundHoldsWakeUpsUntilItEnds);
    CPPUNIT_TEST(testTargetAskedOftenIsWokenOncePerRound);
    CPPUNIT_TEST(testEveryHeldTargetIsWoken);
    CPPUNIT_TEST_SUITE_END();

public:
    void testThreadOutsideRoundsWakesAtOnce()
    {
        CountingTarget target;
        std::thread([&target] { HeldWakeups::wake(target); }).join();
        CPPUNIT_ASSERT_EQUAL(1, target.wakes);
    }

    void testRoundHoldsWakeUpsUntilItEnds()
    {
        CountingTarget target;
        int wakesBeforeEnd = -1;
        onLoopThread([&] {
            HeldWakeups::wake(target);
            wakesBeforeEnd = target.wakes;
            HeldWakeups::endRound();
        });
        CPPUNIT_ASSERT_EQUAL(0, wakesBeforeEnd);
        CPPUNIT_ASSERT_EQUAL(1, target.wakes);
    }

    void testTargetAskedOftenIsWokenOncePerRound()
    {
        CountingTarget target;
        onLoopThread([&] {
            for (int i = 0; i < 30; ++i)
                HeldWakeups::wake(target);
            HeldWakeups::endRound();
            HeldWakeups::wake(target);
            HeldWakeups::endRound();
            // A round that held nothing wakes nothing.
            HeldWakeups::endRound();
        });
        CPPUNIT_ASSERT_EQUAL(2, target.wakes);
    }

    void testEveryHeldTargetIsWoken()
    {
        CountingTarget first, second;
        onLoopThread([&] {
            HeldWakeups::wake(first);
            HeldWakeups::wake(second);
            HeldWakeups::endRound();
        });
        CPPUNIT_ASSERT_EQUAL(1, first.wakes);
        CPPUNIT_ASSERT_EQUAL(1, second.wakes);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HeldWakeupsTest);
