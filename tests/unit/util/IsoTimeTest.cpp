//
// IsoTimeTest.cpp
//

#include "feedhub/IsoTime.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::IsoTime;

class IsoTimeTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(IsoTimeTest);
    CPPUNIT_TEST(testEpoch);
    CPPUNIT_TEST(testMillisecondsAreTruncated);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEpoch() { CPPUNIT_ASSERT_EQUAL(std::string("1970-01-01T00:00:00.000Z"), IsoTime::format(0)); }

    void testMillisecondsAreTruncated()
    {
        // 2024-05-01T12:34:56.789999Z, as JavaScript's toISOString() writes it.
        const Poco::Timestamp time(Poco::Timestamp::TimeVal(1714566896789999));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-05-01T12:34:56.789Z"), IsoTime::format(time));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IsoTimeTest);
