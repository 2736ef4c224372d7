//
// RedisAddressTest.cpp
//

#include "Poco/Exception.h"
#include "cluster/RedisAddress.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::RedisAddress;

class RedisAddressTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RedisAddressTest);
    CPPUNIT_TEST(testDefaultsFillWhatTheUrlLeavesOut);
    CPPUNIT_TEST(testPasswordAndDatabaseAreRead);
    CPPUNIT_TEST(testWrongUrlsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultsFillWhatTheUrlLeavesOut()
    {
        const RedisAddress address = RedisAddress::parse("redis://cache.internal");
        CPPUNIT_ASSERT_EQUAL(std::string("cache.internal"), address.host);
        CPPUNIT_ASSERT_EQUAL(6379, address.port);
        CPPUNIT_ASSERT(address.password.empty());
        CPPUNIT_ASSERT_EQUAL(0, address.database);
        CPPUNIT_ASSERT_EQUAL(std::string("cache.internal:6379/0"), address.toString());
    }

    void testPasswordAndDatabaseAreRead()
    {
        const RedisAddress withUser = RedisAddress::parse("redis://default:p4ss@10.0.0.2:7000/2");
        CPPUNIT_ASSERT_EQUAL(std::string("p4ss"), withUser.password);
        CPPUNIT_ASSERT_EQUAL(7000, withUser.port);
        CPPUNIT_ASSERT_EQUAL(2, withUser.database);
        CPPUNIT_ASSERT_EQUAL(std::string("p4ss"), RedisAddress::parse("redis://:p4ss@host/").password);
        // The password never reaches the log.
        CPPUNIT_ASSERT(withUser.toString().find("p4ss") == std::string::npos);
    }

    void testWrongUrlsRefused()
    {
        for (const std::string url : {"", "localhost:6379", "http://localhost", "redis://", "redis://host/x",
                                      "redis://host/16", "redis://host/0?timeout=1"})
            CPPUNIT_ASSERT_THROW_MESSAGE(url, RedisAddress::parse(url), Poco::InvalidArgumentException);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RedisAddressTest);
