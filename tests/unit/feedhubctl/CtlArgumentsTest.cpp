//
// CtlArgumentsTest.cpp
//

#include "CtlArguments.h"
#include "Poco/Exception.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::CtlArguments;

class CtlArgumentsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CtlArgumentsTest);
    CPPUNIT_TEST(testOptionsAndOperandsInAnyOrder);
    CPPUNIT_TEST(testDoubleDashEndsOptions);
    CPPUNIT_TEST(testLastValueCountsAndListsSplit);
    CPPUNIT_TEST(testNumber);
    CPPUNIT_TEST(testWrongOptions);
    CPPUNIT_TEST(testRequireOperands);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOptionsAndOperandsInAnyOrder()
    {
        const CtlArguments options({"news", "--type", "t", "-", "--batch=5"}, {"type", "batch"});
        CPPUNIT_ASSERT(options.operands() == std::vector<std::string>({"news", "-"}));
        CPPUNIT_ASSERT_EQUAL(std::string("t"), options.value("type", ""));
        CPPUNIT_ASSERT_EQUAL(std::string("5"), options.value("batch", ""));
        CPPUNIT_ASSERT(!options.has("url"));
        CPPUNIT_ASSERT_EQUAL(std::string("fallback"), options.value("url", "fallback"));
    }

    void testDoubleDashEndsOptions()
    {
        const CtlArguments options({"--type", "t", "news", "--", "--not-an-option", "--type"}, {"type"});
        CPPUNIT_ASSERT(options.operands() == std::vector<std::string>({"news", "--not-an-option", "--type"}));
        CPPUNIT_ASSERT_EQUAL(std::string("t"), options.value("type", ""));
    }

    void testLastValueCountsAndListsSplit()
    {
        const CtlArguments options({"--publish", "a, b,,c", "--publish=d", "--ttl", "1", "--ttl", "2"},
                                   {"publish", "ttl"});
        CPPUNIT_ASSERT(options.list("publish") == std::vector<std::string>({"a", "b", "c", "d"}));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), options.value("ttl", ""));
        CPPUNIT_ASSERT(options.list("missing").empty());
    }

    void testNumber()
    {
        CPPUNIT_ASSERT_EQUAL(7u, CtlArguments({}, {"count"}).number("count", 7, 1, 10));
        CPPUNIT_ASSERT_EQUAL(10u, CtlArguments({"--count", "10"}, {"count"}).number("count", 7, 1, 10));
        for (const char* wrong : {"0", "11", "x", "-1", ""})
        {
            const CtlArguments options({"--count", wrong}, {"count"});
            try
            {
                options.number("count", 7, 1, 10);
                CPPUNIT_FAIL(std::string("taken: ") + wrong);
            }
            catch (const Poco::InvalidArgumentException& exc)
            {
                CPPUNIT_ASSERT_EQUAL(std::string("--count must be a whole number from 1 to 10"),
                                     exc.message());
            }
        }
    }

    void testWrongOptions()
    {
        assertRefused("unknown option --colour", {"--colour", "red"}, {"type"});
        assertRefused("--type needs a value", {"news", "--type"}, {"type"});
    }

    void testRequireOperands()
    {
        const CtlArguments none({}, {});
        CPPUNIT_ASSERT_NO_THROW(none.requireOperands(0, 0, "options only"));
        try
        {
            none.requireOperands(1, 2, "TOPIC");
            CPPUNIT_FAIL("no TOPIC taken");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("give TOPIC"), exc.message());
        }
        try
        {
            CtlArguments({"a", "b", "c"}, {}).requireOperands(1, 2, "TOPIC and DATA");
            CPPUNIT_FAIL("a third operand taken");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("unexpected argument 'c': give TOPIC and DATA"), exc.message());
        }
    }

private:
    static void assertRefused(const std::string& message, const std::vector<std::string>& arguments,
                              const std::set<std::string>& known)
    {
        try
        {
            CtlArguments options(arguments, known);
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(message, exc.message());
            return;
        }
        CPPUNIT_FAIL("taken: " + message);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CtlArgumentsTest);
