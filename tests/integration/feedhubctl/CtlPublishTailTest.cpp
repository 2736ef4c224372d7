//
// CtlPublishTailTest.cpp
//
// feedhubctl publish and tail against a real hub: lines in, events out,
// across a pipe and across a hub restart.
//

#include "CtlProcess.h"
#include "HttpCall.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <thread>

class CtlPublishTailTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CtlPublishTailTest);
    CPPUNIT_TEST(testLinesPublishedComeBackFromTail);
    CPPUNIT_TEST(testOneEventPrintsItsId);
    CPPUNIT_TEST(testTailPipedIntoPublishRelaysEachEventAsItComes);
    CPPUNIT_TEST(testTailResumesAcrossHubRestart);
    CPPUNIT_TEST(testLineNotUtf8StopsThePublish);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        // A short retry: tail waits what the hub's "retry:" says before reconnecting.
        _hub = std::make_unique<TestDaemon>(TestDaemon::Settings{{"sse.retry_ms", "200"}});
    }

    void tearDown() override { _hub.reset(); }

    void testLinesPublishedComeBackFromTail()
    {
        std::string input;
        std::vector<std::string> expected;
        for (int i = 1; i <= 250; ++i)
        {
            expected.push_back("line " + std::to_string(i) + " \"quoted\" caf\xC3\xA9");
            input += expected.back() + "\n";
        }
        const CtlProcess::Result published =
            CtlProcess::run({"publish", "--url", url(), "lines", "-", "--batch", "100"}, input);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(published.err, 0, published.exitCode);
        CPPUNIT_ASSERT_EQUAL(lastIdOf("lines") + "\n", published.out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(250), heldIn("lines"));

        CtlProcess tail(
            {"tail", "lines", "--url", url(), "--since", "0", "--count", "250", "--format", "data"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(tail.errors(), 0, tail.wait());
        CPPUNIT_ASSERT(expected == tail.lines());
    }

    void testOneEventPrintsItsId()
    {
        const CtlProcess::Result published =
            CtlProcess::run({"publish", "greetings", "hello world", "--type", "greeting", "--url", url()});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(published.err, 0, published.exitCode);
        const std::string id = lastIdOf("greetings");
        CPPUNIT_ASSERT_EQUAL(id + "\n", published.out);

        const CtlProcess::Result text =
            CtlProcess::run({"tail", "greetings", "--url", url(), "--since", "0", "--count", "1"});
        CPPUNIT_ASSERT_EQUAL(id + " greeting hello world\n", text.out);
        const CtlProcess::Result json = CtlProcess::run(
            {"tail", "greetings", "--url", url(), "--since", "0", "--count", "1", "--format", "json"});
        const Poco::JSON::Object::Ptr event =
            Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("greetings"), event->getValue<std::string>("topic"));
        CPPUNIT_ASSERT_EQUAL(id, event->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("greeting"), event->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("hello world"), event->getValue<std::string>("data"));
    }

    void testTailPipedIntoPublishRelaysEachEventAsItComes()
    {
        SseClient relayed(_hub->port(), "/events?topic=out");
        CtlProcess::Result pipeline;
        std::thread shell([&] {
            pipeline =
                CtlProcess::shell("\"$FEEDHUBCTL\" tail in --url " + url() +
                                  " --count 3 --format data | \"$FEEDHUBCTL\" publish out - --url " + url());
        });
        CPPUNIT_ASSERT_MESSAGE("tail did not subscribe", waitForSubscriber("in"));
        // Each event is relayed before the next is published: publish sends a
        // line as soon as no more input is waiting, not at the end.
        for (const std::string data : {"one", "two", "three"})
        {
            HttpCall::publish(_hub->port(), "in", data);
            SseClient::Event event;
            CPPUNIT_ASSERT_MESSAGE("not relayed: " + data, relayed.next(event, 10000));
            CPPUNIT_ASSERT_EQUAL(std::string(data), event.data);
        }
        shell.join();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(pipeline.err, 0, pipeline.exitCode);
    }

    void testTailResumesAcrossHubRestart()
    {
        CtlProcess tail({"--url", url(), "tail", "before", "after", "--count", "4"});
        CPPUNIT_ASSERT_MESSAGE("tail did not subscribe", waitForSubscriber("before"));
        std::vector<std::string> ids{HttpCall::publish(_hub->port(), "before", "1"),
                                     HttpCall::publish(_hub->port(), "after", "2")};
        CPPUNIT_ASSERT_MESSAGE(tail.errors(), tail.waitForLines(2, 10000));
        _hub->restart();
        // Published while tail is away: the journal keeps it for the resume.
        ids.push_back(HttpCall::publish(_hub->port(), "before", "3"));
        CPPUNIT_ASSERT_MESSAGE(tail.errors(), tail.waitForError("reconnected", 20000));
        ids.push_back(HttpCall::publish(_hub->port(), "after", "4"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(tail.errors(), 0, tail.wait());

        const std::vector<std::string> expected{ids[0] + " message 1", ids[1] + " message 2",
                                                ids[2] + " message 3", ids[3] + " message 4"};
        CPPUNIT_ASSERT(expected == tail.lines());
        CPPUNIT_ASSERT_MESSAGE(tail.errors(),
                               tail.errors().find("reconnecting after " + ids[1]) != std::string::npos);
    }

    void testLineNotUtf8StopsThePublish()
    {
        const CtlProcess::Result published =
            CtlProcess::run({"publish", "bytes", "--url", url()}, "fine\n\xff\xfe\nnever\n");
        CPPUNIT_ASSERT_EQUAL(65, published.exitCode);
        CPPUNIT_ASSERT_EQUAL(
            std::string("feedhubctl publish: line 2 of the input is not valid UTF-8, which events "
                        "must be; the lines before it were published, none after\n"),
            published.err);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), heldIn("bytes"));
        CPPUNIT_ASSERT_EQUAL(lastIdOf("bytes") + "\n", published.out);
    }

private:
    std::string url() const { return "http://127.0.0.1:" + std::to_string(_hub->port()); }

    Poco::JSON::Object::Ptr topic(const std::string& name) const
    {
        const Poco::JSON::Array::Ptr topics = HttpCall::get(_hub->port(), "/topics")
                                                  .json()
                                                  .extract<Poco::JSON::Object::Ptr>()
                                                  ->getArray("topics");
        for (std::size_t i = 0; i < topics->size(); ++i)
        {
            if (topics->getObject(static_cast<unsigned>(i))->getValue<std::string>("name") == name)
                return topics->getObject(static_cast<unsigned>(i));
        }
        return nullptr;
    }

    std::string lastIdOf(const std::string& name) const
    {
        const Poco::JSON::Object::Ptr found = topic(name);
        return found ? found->getValue<std::string>("lastId") : std::string();
    }

    std::size_t heldIn(const std::string& name) const
    {
        const Poco::JSON::Object::Ptr found = topic(name);
        return found ? found->getValue<std::size_t>("held") : 0;
    }

    bool waitForSubscriber(const std::string& name) const
    {
        for (int waited = 0; waited < 10000; waited += 20)
        {
            const Poco::JSON::Object::Ptr found = topic(name);
            if (found && found->getValue<std::size_t>("subscribers") > 0)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

    std::unique_ptr<TestDaemon> _hub;
};

CPPUNIT_TEST_SUITE_REGISTRATION(CtlPublishTailTest);
