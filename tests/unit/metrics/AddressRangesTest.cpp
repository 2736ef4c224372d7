//
// AddressRangesTest.cpp
//

#include "metrics/AddressRanges.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::AddressRanges;
using Poco::Net::IPAddress;

namespace
{

bool allows(const std::string& list, const std::string& address)
{
    return AddressRanges::parse(list, "metrics.allow").contains(IPAddress(address));
}

std::string refusal(const std::string& list)
{
    try
    {
        AddressRanges::parse(list, "metrics.allow");
    }
    catch (const Poco::InvalidArgumentException& exc)
    {
        return exc.message();
    }
    return "(accepted)";
}

} // namespace

class AddressRangesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AddressRangesTest);
    CPPUNIT_TEST(testDefaultListTakesLoopbackOnly);
    CPPUNIT_TEST(testPrefixesNotOnByteBoundaries);
    CPPUNIT_TEST(testSingleAddresses);
    CPPUNIT_TEST(testIPv4MappedClientCountsAsIPv4);
    CPPUNIT_TEST(testEmptyListTakesNobody);
    CPPUNIT_TEST(testBadItemsRefusedNamingThem);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDefaultListTakesLoopbackOnly()
    {
        const std::string list = "127.0.0.0/8, ::1";
        CPPUNIT_ASSERT(allows(list, "127.0.0.1"));
        CPPUNIT_ASSERT(allows(list, "127.255.0.9"));
        CPPUNIT_ASSERT(allows(list, "::1"));
        CPPUNIT_ASSERT(!allows(list, "128.0.0.1"));
        CPPUNIT_ASSERT(!allows(list, "10.0.0.1"));
        CPPUNIT_ASSERT(!allows(list, "::2"));
        CPPUNIT_ASSERT(!allows(list, "fe80::1"));
    }

    void testPrefixesNotOnByteBoundaries()
    {
        CPPUNIT_ASSERT(allows("172.16.0.0/12", "172.31.255.255"));
        CPPUNIT_ASSERT(!allows("172.16.0.0/12", "172.32.0.0"));
        CPPUNIT_ASSERT(!allows("172.16.0.0/12", "172.15.255.255"));
        CPPUNIT_ASSERT(allows("fd00::/7", "fc12::1"));
        CPPUNIT_ASSERT(!allows("fd00::/7", "fe00::1"));
        // A network written with host bits set still means its range.
        CPPUNIT_ASSERT(allows("192.168.1.77/24", "192.168.1.3"));
        CPPUNIT_ASSERT(allows("0.0.0.0/0", "203.0.113.5"));
        CPPUNIT_ASSERT(!allows("0.0.0.0/0", "::1"));
    }

    void testSingleAddresses()
    {
        CPPUNIT_ASSERT(allows("127.0.0.2", "127.0.0.2"));
        CPPUNIT_ASSERT(!allows("127.0.0.2", "127.0.0.1"));
        CPPUNIT_ASSERT(allows("2001:db8::5/128", "2001:db8::5"));
        CPPUNIT_ASSERT(!allows("2001:db8::5/128", "2001:db8::6"));
    }

    void testIPv4MappedClientCountsAsIPv4()
    {
        CPPUNIT_ASSERT(allows("127.0.0.0/8", "::ffff:127.0.0.1"));
        CPPUNIT_ASSERT(!allows("127.0.0.0/8", "::ffff:10.0.0.1"));
        CPPUNIT_ASSERT(allows("::ffff:10.0.0.0/104", "10.1.2.3"));
    }

    void testEmptyListTakesNobody()
    {
        CPPUNIT_ASSERT(AddressRanges::parse(" , ", "metrics.allow").empty());
        CPPUNIT_ASSERT(!allows("", "127.0.0.1"));
    }

    void testBadItemsRefusedNamingThem()
    {
        for (const char* item :
             {"localhost", "127.0.0.1/33", "::1/129", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.0/-1", "300.0.0.1"})
        {
            const std::string message = refusal(std::string("127.0.0.1, ") + item);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("metrics.allow: '" + std::string(item) + "'") == 0);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AddressRangesTest);
