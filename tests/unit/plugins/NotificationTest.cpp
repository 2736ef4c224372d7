//
// NotificationTest.cpp
//

#include "Notification.h"
#include "NotificationSimulator.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include <cppunit/extensions/HelperMacros.h>
#include <set>

using feedhub::notifications::Notification;
using feedhub::notifications::NotificationSimulator;

class NotificationTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(NotificationTest);
    CPPUNIT_TEST(testValidNotification);
    CPPUNIT_TEST(testDataOfAnyKindIsKept);
    CPPUNIT_TEST(testEventDataWithoutData);
    CPPUNIT_TEST(testTypeIsRequired);
    CPPUNIT_TEST(testMessageIsRequired);
    CPPUNIT_TEST(testFieldsMustBeStrings);
    CPPUNIT_TEST(testEmptyMessageRefused);
    CPPUNIT_TEST(testUnknownTypeListsAllowedOnes);
    CPPUNIT_TEST(testBodyMustBeObject);
    CPPUNIT_TEST(testSimulatorUsesConfiguredTypes);
    CPPUNIT_TEST_SUITE_END();

public:
    void testValidNotification()
    {
        const Notification notification =
            Notification::parse(json("{\"type\":\"system_alert\",\"message\":\"Disk full\"}"), TYPES);
        CPPUNIT_ASSERT_EQUAL(std::string("system_alert"), notification.type());
        CPPUNIT_ASSERT_EQUAL(std::string("Disk full"), notification.message());
    }

    void testDataOfAnyKindIsKept()
    {
        const Notification notification = Notification::parse(
            json("{\"type\":\"data_updated\",\"message\":\"m\",\"data\":{\"rows\":[1,2]}}"), TYPES);
        const Poco::JSON::Object::Ptr event = eventOf(notification);
        CPPUNIT_ASSERT_EQUAL(std::string("data_updated"), event->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("m"), event->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(event->getObject("data")->getArray("rows")->size()));
        CPPUNIT_ASSERT(event->has("time"));

        const Notification scalar =
            Notification::parse(json("{\"type\":\"notification\",\"message\":\"m\",\"data\":42}"), TYPES);
        CPPUNIT_ASSERT_EQUAL(42, eventOf(scalar)->getValue<int>("data"));
    }

    void testEventDataWithoutData()
    {
        const Notification notification =
            Notification::parse(json("{\"type\":\"notification\",\"message\":\"m\"}"), TYPES);
        const Poco::JSON::Object::Ptr event = eventOf(notification);
        CPPUNIT_ASSERT(!event->has("data"));
        // ISO 8601 in UTC with milliseconds, as browsers parse it.
        const std::string time = event->getValue<std::string>("time");
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), time.size());
        CPPUNIT_ASSERT_EQUAL('Z', time.back());
        CPPUNIT_ASSERT_EQUAL('T', time[10]);
    }

    void testTypeIsRequired()
    {
        expectRefused("{\"message\":\"m\"}", "\"type\" is required");
        expectRefused("{\"type\":null,\"message\":\"m\"}", "\"type\" is required");
    }

    void testMessageIsRequired() { expectRefused("{\"type\":\"notification\"}", "\"message\" is required"); }

    void testFieldsMustBeStrings()
    {
        expectRefused("{\"type\":5,\"message\":\"m\"}", "\"type\" must be a string");
        expectRefused("{\"type\":\"notification\",\"message\":[\"m\"]}", "\"message\" must be a string");
    }

    void testEmptyMessageRefused()
    {
        expectRefused("{\"type\":\"notification\",\"message\":\"  \"}", "\"message\" must not be empty");
    }

    void testUnknownTypeListsAllowedOnes()
    {
        expectRefused("{\"type\":\"party\",\"message\":\"m\"}",
                      "\"type\" must be one of: user_joined, message_received, system_alert, data_updated, "
                      "notification");
    }

    void testBodyMustBeObject()
    {
        expectRefused("[1,2]", "the body must be a JSON object with \"type\" and \"message\"");
        try
        {
            Notification::parse(Poco::Dynamic::Var("hello"), TYPES);
            CPPUNIT_FAIL("accepted a string body");
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(std::string("the body must be a JSON object with \"type\" and \"message\""),
                                 exc.message());
        }
    }

    void testSimulatorUsesConfiguredTypes()
    {
        NotificationSimulator simulator({"user_joined", "deploy"}, 42);
        std::set<std::string> seen;
        for (int i = 0; i < 200; ++i)
        {
            const Notification notification = simulator.next();
            seen.insert(notification.type());
            CPPUNIT_ASSERT(!notification.message().empty());
            CPPUNIT_ASSERT(notification.message().find('{') == std::string::npos);
            CPPUNIT_ASSERT(eventOf(notification)->getObject("data")->getValue<bool>("simulated"));
        }
        CPPUNIT_ASSERT(seen == std::set<std::string>({"user_joined", "deploy"}));
    }

private:
    static Poco::Dynamic::Var json(const std::string& text) { return Poco::JSON::Parser().parse(text); }

    static Poco::JSON::Object::Ptr eventOf(const Notification& notification)
    {
        return json(notification.eventData(Poco::Timestamp())).extract<Poco::JSON::Object::Ptr>();
    }

    void expectRefused(const std::string& body, const std::string& message)
    {
        try
        {
            Notification::parse(json(body), TYPES);
            CPPUNIT_FAIL("accepted " + body);
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(message, exc.message());
        }
    }

    const std::vector<std::string> TYPES = {"user_joined", "message_received", "system_alert", "data_updated",
                                            "notification"};
};

CPPUNIT_TEST_SUITE_REGISTRATION(NotificationTest);
