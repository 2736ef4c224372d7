//
// JsonLogTest.cpp
//
// [log] format = json makes every line the daemon logs a JSON object, and
// [log] access = true adds one per answered request, with its fields.
//

#include "HttpCall.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/String.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <csignal>
#include <regex>
#include <sstream>

class JsonLogTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JsonLogTest);
    CPPUNIT_TEST(testEveryLineIsJsonAndRequestsAreLogged);
    CPPUNIT_TEST(testNoAccessLogByDefault);
    CPPUNIT_TEST(testReloadTurnsTheAccessLogOn);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryLineIsJsonAndRequestsAreLogged()
    {
        TestDaemon hub(TestDaemon::Settings{{"log.format", "json"}, {"log.access", "true"}});
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
        CPPUNIT_ASSERT_EQUAL(201, HttpCall::post(hub.port(), "/publish", "{\"topic\":\"news\",\"data\":\"x\"}").status);
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/nowhere?token=sekrit").status);
        {
            SseClient stream(hub.port(), "/events?topic=news&lastEventId=news:0");
            CPPUNIT_ASSERT_EQUAL(200, stream.status());
        }
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());

        std::vector<Poco::JSON::Object::Ptr> access;
        bool listening = false;
        std::istringstream lines(hub.log());
        std::string line;
        while (std::getline(lines, line))
        {
            Poco::JSON::Object::Ptr entry;
            try
            {
                entry = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
            }
            catch (const Poco::Exception& exc)
            {
                CPPUNIT_FAIL("a log line is not JSON (" + exc.displayText() + "): " + line);
            }
            CPPUNIT_ASSERT_MESSAGE(line, std::regex_match(entry->getValue<std::string>("time"),
                                                          std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z")));
            CPPUNIT_ASSERT_MESSAGE(line, entry->has("level") && entry->has("logger") && entry->has("message"));
            if (entry->getValue<std::string>("message").find("listening on port") != std::string::npos)
                listening = entry->getValue<std::string>("level") == "information";
            if (entry->getValue<std::string>("logger") == "feedhub.access")
                access.push_back(entry);
        }
        CPPUNIT_ASSERT(listening);
        CPPUNIT_ASSERT(hub.log().find("sekrit") == std::string::npos);

        CPPUNIT_ASSERT_EQUAL_MESSAGE(hub.log(), std::size_t(4), access.size());
        assertAccess(access[0], "GET", "/healthz", 200);
        assertAccess(access[1], "POST", "/publish", 201);
        assertAccess(access[2], "GET", "/nowhere?token=[redacted]", 404);
        assertAccess(access[3], "GET", "/events?topic=news&lastEventId=news:0", 200);
    }

    void testNoAccessLogByDefault()
    {
        TestDaemon hub;
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
        CPPUNIT_ASSERT_MESSAGE(hub.log(), !hub.logContains("feedhub.access"));
        CPPUNIT_ASSERT(!hub.logContains("/healthz"));
        // Text lines: "<date> <time> <priority> <logger>: <message>".
        CPPUNIT_ASSERT(std::regex_search(hub.log(), std::regex("\n?[0-9-]{10} [0-9:.]{12} Information [^:]+: "
                                                               "feedhub listening on port")));
    }

    void testReloadTurnsTheAccessLogOn()
    {
        TestDaemon hub;
        CPPUNIT_ASSERT_EQUAL(404, HttpCall::get(hub.port(), "/before").status);
        hub.writeConfig({{"log.access", "true"}});
        hub.signal(SIGHUP);
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.waitForLog("hub.ini reloaded", 10000));
        CPPUNIT_ASSERT_EQUAL(200, HttpCall::get(hub.port(), "/healthz").status);
        CPPUNIT_ASSERT_MESSAGE(hub.log(), hub.waitForLog("feedhub.access: GET /healthz 200 ", 10000));
        CPPUNIT_ASSERT(!hub.logContains("/before"));
        CPPUNIT_ASSERT(!hub.logContains("needs a restart"));
        CPPUNIT_ASSERT_EQUAL(0, hub.stop());
    }

private:
    static void assertAccess(const Poco::JSON::Object::Ptr& entry, const std::string& method,
                             const std::string& path, int status)
    {
        std::ostringstream text;
        entry->stringify(text);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(text.str(), method, entry->getValue<std::string>("method"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(text.str(), path, entry->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(text.str(), status, entry->getValue<int>("status"));
        CPPUNIT_ASSERT_MESSAGE(text.str(), entry->getValue<int>("bytes") > 0);
        CPPUNIT_ASSERT_MESSAGE(text.str(), entry->getValue<double>("duration_ms") >= 0);
        CPPUNIT_ASSERT_EQUAL(std::string("information"), entry->getValue<std::string>("level"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonLogTest);
