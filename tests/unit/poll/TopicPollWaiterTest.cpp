//
// TopicPollWaiterTest.cpp
//

#include "poll/TopicPollWaiter.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "bus/InProcessBus.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::EventPtr;
using feedhub::InProcessBus;
using feedhub::TopicPollWaiter;

namespace
{

struct Answer
{
    std::vector<std::string> ids;
    std::uint64_t cursor = 0;
    bool truncated = false;
};

Answer read(const std::optional<std::string>& body)
{
    CPPUNIT_ASSERT(body);
    const Poco::JSON::Object::Ptr object =
        Poco::JSON::Parser().parse(*body).extract<Poco::JSON::Object::Ptr>();
    Answer answer;
    const Poco::JSON::Array::Ptr events = object->getArray("events");
    for (std::size_t i = 0; i < events->size(); ++i)
        answer.ids.push_back(events->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
    answer.cursor = std::stoull(object->getValue<std::string>("cursor"));
    answer.truncated = object->getValue<bool>("truncated");
    return answer;
}

InProcessBus::Limits limits(std::size_t historyEvents = 1000)
{
    InProcessBus::Limits result;
    result.history.maxEvents = historyEvents;
    return result;
}

} // namespace

class TopicPollWaiterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TopicPollWaiterTest);
    CPPUNIT_TEST(testAnswersWithEventsAfterTheCursor);
    CPPUNIT_TEST(testBatchSizeLimitsTheAnswer);
    CPPUNIT_TEST(testWaitsWhenNothingIsNew);
    CPPUNIT_TEST(testTruncatedWhenHistoryLostEvents);
    CPPUNIT_TEST(testWithoutCursorAnswersNewestOfEachTopic);
    CPPUNIT_TEST(testWithoutCursorAndNothingHeldWaitsFromNow);
    CPPUNIT_TEST(testCursorPastTheNewestDoesNotHideEvents);
    CPPUNIT_TEST(testPollersAtOneCursorGetTheSameAnswerUntilTheNextEvent);
    CPPUNIT_TEST(testTopics);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnswersWithEventsAfterTheCursor()
    {
        InProcessBus bus(limits());
        const EventPtr first = bus.publish("a", "message", "1");
        const EventPtr second = bus.publish("b", "message", "2");
        bus.publish("c", "message", "other topic");
        const EventPtr third = bus.publish("a", "message", "3");
        TopicPollWaiter waiter(bus, {"a", "b"}, first->sequence(), 100);
        const Answer answer = read(waiter.check());
        CPPUNIT_ASSERT(answer.ids == std::vector<std::string>({second->id(), third->id()}));
        CPPUNIT_ASSERT_EQUAL(third->sequence(), answer.cursor);
        CPPUNIT_ASSERT(!answer.truncated);
    }

    void testBatchSizeLimitsTheAnswer()
    {
        InProcessBus bus(limits());
        std::vector<EventPtr> events;
        for (int i = 0; i < 5; ++i)
            events.push_back(bus.publish("a", "message", std::to_string(i)));
        TopicPollWaiter waiter(bus, {"a"}, events[0]->sequence() - 1, 2);
        const Answer answer = read(waiter.check());
        CPPUNIT_ASSERT(answer.ids == std::vector<std::string>({events[0]->id(), events[1]->id()}));
        CPPUNIT_ASSERT_EQUAL(events[1]->sequence(), answer.cursor);
    }

    void testWaitsWhenNothingIsNew()
    {
        InProcessBus bus(limits());
        const EventPtr seen = bus.publish("a", "message", "seen");
        TopicPollWaiter waiter(bus, {"a"}, seen->sequence(), 100);
        CPPUNIT_ASSERT(!waiter.check());
        bus.publish("b", "message", "not watched");
        CPPUNIT_ASSERT(!waiter.check());
        const EventPtr next = bus.publish("a", "message", "next");
        CPPUNIT_ASSERT(read(waiter.check()).ids == std::vector<std::string>({next->id()}));
    }

    void testTruncatedWhenHistoryLostEvents()
    {
        InProcessBus bus(limits(2));
        const EventPtr first = bus.publish("a", "message", "1");
        bus.publish("a", "message", "2");
        const EventPtr third = bus.publish("a", "message", "3");
        const EventPtr fourth = bus.publish("a", "message", "4");
        TopicPollWaiter waiter(bus, {"a"}, first->sequence(), 100);
        const Answer answer = read(waiter.check());
        CPPUNIT_ASSERT(answer.truncated);
        CPPUNIT_ASSERT(answer.ids == std::vector<std::string>({third->id(), fourth->id()}));

        TopicPollWaiter beforeStart(bus, {"nothing-held"}, 1, 100);
        const Answer empty = read(beforeStart.check());
        CPPUNIT_ASSERT(empty.truncated);
        CPPUNIT_ASSERT(empty.ids.empty());
        CPPUNIT_ASSERT_EQUAL(fourth->sequence(), empty.cursor);
    }

    void testWithoutCursorAnswersNewestOfEachTopic()
    {
        InProcessBus bus(limits());
        bus.publish("a", "message", "old");
        const EventPtr b = bus.publish("b", "message", "b");
        const EventPtr a = bus.publish("a", "message", "new");
        const EventPtr last = bus.publish("c", "message", "not asked for");
        TopicPollWaiter waiter(bus, {"a", "b", "unknown"}, std::nullopt, 100);
        const Answer answer = read(waiter.check());
        CPPUNIT_ASSERT(answer.ids == std::vector<std::string>({b->id(), a->id()}));
        CPPUNIT_ASSERT_EQUAL(last->sequence(), answer.cursor);
    }

    void testWithoutCursorAndNothingHeldWaitsFromNow()
    {
        InProcessBus bus(limits());
        bus.publish("other", "message", "before");
        TopicPollWaiter waiter(bus, {"a"}, std::nullopt, 100);
        CPPUNIT_ASSERT(!waiter.check());
        const EventPtr event = bus.publish("a", "message", "first");
        const Answer answer = read(waiter.check());
        CPPUNIT_ASSERT(answer.ids == std::vector<std::string>({event->id()}));
        CPPUNIT_ASSERT(!answer.truncated);
    }

    void testCursorPastTheNewestDoesNotHideEvents()
    {
        InProcessBus bus(limits());
        const EventPtr now = bus.publish("a", "message", "now");
        TopicPollWaiter waiter(bus, {"a"}, now->sequence() + 1000, 100);
        CPPUNIT_ASSERT(!waiter.check());
        const EventPtr next = bus.publish("a", "message", "next");
        CPPUNIT_ASSERT(read(waiter.check()).ids == std::vector<std::string>({next->id()}));
    }

    void testPollersAtOneCursorGetTheSameAnswerUntilTheNextEvent()
    {
        InProcessBus bus(limits());
        const EventPtr start = bus.publish("a", "message", "start");
        const EventPtr first = bus.publish("a", "message", "1");
        TopicPollWaiter early(bus, {"a"}, start->sequence(), 100);
        TopicPollWaiter alike(bus, {"a"}, start->sequence(), 100);
        const std::optional<std::string> earlyAnswer = early.check();
        CPPUNIT_ASSERT(earlyAnswer == alike.check());
        CPPUNIT_ASSERT(read(earlyAnswer).ids == std::vector<std::string>({first->id()}));

        const EventPtr second = bus.publish("a", "message", "2");
        TopicPollWaiter late(bus, {"a"}, start->sequence(), 100);
        CPPUNIT_ASSERT(read(late.check()).ids == std::vector<std::string>({first->id(), second->id()}));
        TopicPollWaiter batched(bus, {"a"}, start->sequence(), 1);
        const Answer one = read(batched.check());
        CPPUNIT_ASSERT(one.ids == std::vector<std::string>({first->id()}));
        CPPUNIT_ASSERT_EQUAL(first->sequence(), one.cursor);
    }

    void testTopics()
    {
        InProcessBus bus(InProcessBus::Limits{});
        TopicPollWaiter waiter(bus, {"a", "b"}, std::nullopt, 100);
        CPPUNIT_ASSERT(waiter.topics() == std::vector<std::string>({"a", "b"}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopicPollWaiterTest);
