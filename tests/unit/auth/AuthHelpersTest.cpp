//
// AuthHelpersTest.cpp
//

#include "auth/ConstantTime.h"
#include "auth/FailureLimiter.h"
#include "auth/TokenCache.h"
#include "auth/TokenRedaction.h"
#include <cppunit/extensions/HelperMacros.h>

using namespace feedhub;

class AuthHelpersTest : public CppUnit::TestFixture
    /// The small pieces the Authorizer is made of.
{
    CPPUNIT_TEST_SUITE(AuthHelpersTest);
    CPPUNIT_TEST(testConstantTimeEquals);
    CPPUNIT_TEST(testRedactionHidesEveryToken);
    CPPUNIT_TEST(testCacheKeepsTokensUntilTheyExpire);
    CPPUNIT_TEST(testCacheStaysBounded);
    CPPUNIT_TEST(testLimiterBlocksPastTheLimitForAWhile);
    CPPUNIT_TEST(testLimiterCountsPerMinute);
    CPPUNIT_TEST_SUITE_END();

public:
    void testConstantTimeEquals()
    {
        CPPUNIT_ASSERT(ConstantTime::equals("secret-token", "secret-token"));
        CPPUNIT_ASSERT(!ConstantTime::equals("secret-tokem", "secret-token"));
        CPPUNIT_ASSERT(!ConstantTime::equals("secret", "secret-token"));
        CPPUNIT_ASSERT(!ConstantTime::equals("secret-tokensecret-token", "secret-token"));
        CPPUNIT_ASSERT(!ConstantTime::equals("", "secret-token"));
        CPPUNIT_ASSERT(!ConstantTime::equals("", ""));
    }

    void testRedactionHidesEveryToken()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("/events?topic=a&token=[redacted]&topic=b"),
                             TokenRedaction::target("/events?topic=a&token=eyJ.x.y&topic=b"));
        CPPUNIT_ASSERT_EQUAL(std::string("/poll?token=[redacted]&token=[redacted]"),
                             TokenRedaction::target("/poll?token=1&%74oken=2"));
        CPPUNIT_ASSERT_EQUAL(std::string("/publish"), TokenRedaction::target("/publish"));
        CPPUNIT_ASSERT_EQUAL(std::string("/x?tokens=1"), TokenRedaction::target("/x?tokens=1"));
    }

    void testCacheKeepsTokensUntilTheyExpire()
    {
        TokenCache cache(10);
        const Poco::Timestamp now;
        auto claims = std::make_shared<TokenClaims>();
        claims->validUntil = now + Poco::Timespan(60, 0).totalMicroseconds();
        cache.add("t", claims, now);
        CPPUNIT_ASSERT(cache.find("t", now) == claims);
        CPPUNIT_ASSERT(!cache.find("u", now));
        CPPUNIT_ASSERT(!cache.find("t", now + Poco::Timespan(61, 0).totalMicroseconds()));
    }

    void testCacheStaysBounded()
    {
        TokenCache cache(3);
        const Poco::Timestamp now;
        auto claims = std::make_shared<TokenClaims>();
        claims->validUntil = now + Poco::Timespan(60, 0).totalMicroseconds();
        for (int i = 0; i < 10; ++i)
            cache.add("t" + std::to_string(i), claims, now);
        CPPUNIT_ASSERT(cache.size() <= 3);
        CPPUNIT_ASSERT(cache.find("t9", now));
        TokenCache none(0);
        none.add("t", claims, now);
        CPPUNIT_ASSERT(!none.find("t", now));
    }

    void testLimiterBlocksPastTheLimitForAWhile()
    {
        FailureLimiter limiter(3, Poco::Timespan(30, 0));
        const Poco::Timestamp now;
        for (int i = 0; i < 3; ++i)
            limiter.failed("a", "GET /x", now);
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0), limiter.blockedFor("a", now).totalMicroseconds());
        limiter.failed("a", "GET /x", now);
        CPPUNIT_ASSERT_EQUAL(30, limiter.blockedFor("a", now).seconds());
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0), limiter.blockedFor("b", now).totalMicroseconds());
        const Poco::Timestamp later = now + Poco::Timespan(31, 0).totalMicroseconds();
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0), limiter.blockedFor("a", later).totalMicroseconds());
    }

    void testLimiterCountsPerMinute()
    {
        FailureLimiter limiter(3, Poco::Timespan(30, 0));
        Poco::Timestamp when;
        for (int i = 0; i < 10; ++i)
        {
            limiter.failed("a", "GET /x", when);
            when += Poco::Timespan(25, 0).totalMicroseconds();
        }
        // Never more than 3 within one minute's window.
        CPPUNIT_ASSERT_EQUAL(Poco::Timespan::TimeDiff(0), limiter.blockedFor("a", when).totalMicroseconds());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthHelpersTest);
