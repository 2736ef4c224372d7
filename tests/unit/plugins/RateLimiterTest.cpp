//
// RateLimiterTest.cpp
//

#include "RateLimiter.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::chat::RateLimiter;

class RateLimiterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RateLimiterTest);
    CPPUNIT_TEST(testBurstThenRefused);
    CPPUNIT_TEST(testRefillsEvenly);
    CPPUNIT_TEST(testClientsAreCountedApart);
    CPPUNIT_TEST_SUITE_END();

public:
    void testBurstThenRefused()
    {
        RateLimiter limiter(3, Poco::Timespan(10, 0));
        const Poco::Timestamp now;
        for (int i = 0; i < 3; ++i)
            CPPUNIT_ASSERT(limiter.take("a", now));
        CPPUNIT_ASSERT(!limiter.take("a", now));
    }

    void testRefillsEvenly()
    {
        RateLimiter limiter(2, Poco::Timespan(10, 0));
        const Poco::Timestamp start;
        CPPUNIT_ASSERT(limiter.take("a", start));
        CPPUNIT_ASSERT(limiter.take("a", start));
        CPPUNIT_ASSERT(!limiter.take("a", start + 4 * Poco::Timespan::SECONDS));
        CPPUNIT_ASSERT(limiter.take("a", start + 5 * Poco::Timespan::SECONDS));
        CPPUNIT_ASSERT(!limiter.take("a", start + 5 * Poco::Timespan::SECONDS));
        // A long pause refills no more than the burst.
        const Poco::Timestamp later = start + 3600 * Poco::Timespan::SECONDS;
        CPPUNIT_ASSERT(limiter.take("a", later));
        CPPUNIT_ASSERT(limiter.take("a", later));
        CPPUNIT_ASSERT(!limiter.take("a", later));
    }

    void testClientsAreCountedApart()
    {
        RateLimiter limiter(1, Poco::Timespan(10, 0));
        const Poco::Timestamp now;
        CPPUNIT_ASSERT(limiter.take("a", now));
        CPPUNIT_ASSERT(!limiter.take("a", now));
        CPPUNIT_ASSERT(limiter.take("b", now));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RateLimiterTest);
