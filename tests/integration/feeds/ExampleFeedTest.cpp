//
// ExampleFeedTest.cpp
//
// docs/writing-a-feed.md, step 6 and 7: the hub.ini the guide shows runs the
// example feed, and its events are what the guide says.
//

#include "FeedPlugins.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fstream>
#include <sstream>

class ExampleFeedTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ExampleFeedTest);
    CPPUNIT_TEST(testGuideConfigurationRunsExample);
    CPPUNIT_TEST_SUITE_END();

public:
    void testGuideConfigurationRunsExample()
    {
        const std::string ini = guideIni();
        CPPUNIT_ASSERT_MESSAGE("the guide shows no hub.ini", ini.find("[feed.example]") != std::string::npos);
        // The guide's hub.ini, with this build's plugins rather than installed ones.
        TestDaemon hub({}, ini + "\n[feeds]\nplugin_dir = " + FeedPlugins::dir() + "\n");
        CPPUNIT_ASSERT(
            hub.logContains("feed example started: clock (example) from " + FeedPlugins::path("example")));

        SseClient client(hub.port(), "/events?topic=clock");
        const SseClient::Event first = client.expect();
        const SseClient::Event second = client.expect();
        CPPUNIT_ASSERT_EQUAL(std::string("tick"), first.type);
        CPPUNIT_ASSERT(first.id.rfind("clock:", 0) == 0);
        const Poco::JSON::Object::Ptr data = json(first.data);
        CPPUNIT_ASSERT_EQUAL(std::size_t(24), data->getValue<std::string>("time").size());
        CPPUNIT_ASSERT_EQUAL(data->getValue<int>("count") + 1, json(second.data)->getValue<int>("count"));
    }

private:
    static std::string guideIni()
    {
        std::ifstream in(TestDaemon::sourceDir() + "/docs/writing-a-feed.md");
        std::ostringstream text;
        text << in.rdbuf();
        const std::string guide = text.str();
        const std::size_t start = guide.find("```ini\n");
        if (start == std::string::npos)
            return std::string();
        const std::size_t end = guide.find("```", start + 7);
        return guide.substr(start + 7, end - start - 7);
    }

    static Poco::JSON::Object::Ptr json(const std::string& text)
    {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExampleFeedTest);
