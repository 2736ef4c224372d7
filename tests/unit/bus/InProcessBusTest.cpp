//
// InProcessBusTest.cpp
//

#include "bus/InProcessBus.h"
#include "Poco/Exception.h"
#include "Poco/Thread.h"
#include <algorithm>
#include <cppunit/extensions/HelperMacros.h>
#include <mutex>
#include <thread>

using feedhub::Bus;
using feedhub::EventPtr;
using feedhub::InProcessBus;
using feedhub::Publication;

namespace
{

class RecordingSink : public feedhub::EventSink
{
public:
    void deliver(const EventPtr& event) override
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _events.push_back(event);
    }

    std::vector<EventPtr> events() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _events;
    }

private:

    mutable std::mutex _mutex;
    std::vector<EventPtr> _events;
};

InProcessBus::Limits limits(std::size_t historyEvents = 100, std::size_t maxTopics = 100,
                            Poco::Timespan historyAge = Poco::Timespan(3600, 0))
{
    InProcessBus::Limits result;
    result.history.maxEvents = historyEvents;
    result.history.maxAge = historyAge;
    result.history.maxBytes = 1 << 20;
    result.maxTopics = maxTopics;
    return result;
}

std::vector<std::string> idsOf(const std::vector<EventPtr>& events)
{
    std::vector<std::string> ids;
    for (const EventPtr& event : events)
        ids.push_back(event->id());
    return ids;
}

const Bus::TopicStatus* findTopic(const std::vector<Bus::TopicStatus>& topics, const std::string& name)
{
    for (const Bus::TopicStatus& topic : topics)
    {
        if (topic.name == name)
            return &topic;
    }
    return nullptr;
}

} // namespace

class InProcessBusTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(InProcessBusTest);
    CPPUNIT_TEST(testPublishAssignsIdTypeAndFrame);
    CPPUNIT_TEST(testIdsIncreaseAcrossTopics);
    CPPUNIT_TEST(testBadPublicationRefused);
    CPPUNIT_TEST(testBatchIsAllOrNothing);
    CPPUNIT_TEST(testBatchErrorNamesTheItem);
    CPPUNIT_TEST(testReplayMergesTopicsInOrder);
    CPPUNIT_TEST(testReplayFromInsideHistory);
    CPPUNIT_TEST(testReplayLimitAndPosition);
    CPPUNIT_TEST(testReplayPositionIsNewestSequence);
    CPPUNIT_TEST(testReplayPastNewestGoesLive);
    CPPUNIT_TEST(testReplayTruncatedWhenHistoryDroppedEvents);
    CPPUNIT_TEST(testReplayTruncatedFromBeforeTheBus);
    CPPUNIT_TEST(testReplayOfUnknownTopicIsEmpty);
    CPPUNIT_TEST(testNewest);
    CPPUNIT_TEST(testMaxTopics);
    CPPUNIT_TEST(testExpireForgetsIdleTopics);
    CPPUNIT_TEST(testExpireKeepsSubscribedTopics);
    CPPUNIT_TEST(testReplayOfForgottenTopicIsTruncated);
    CPPUNIT_TEST(testSubscriberCounts);
    CPPUNIT_TEST(testSubscribingTakesNoPlaceAmongTopics);
    CPPUNIT_TEST(testSinksGetEventsInOrder);
    CPPUNIT_TEST(testDetachedSinkGetsNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPublishAssignsIdTypeAndFrame()
    {
        InProcessBus bus(limits());
        const EventPtr event = bus.publish("news", "article", "hello");
        CPPUNIT_ASSERT_EQUAL(std::string("news"), event->topic());
        CPPUNIT_ASSERT_EQUAL(std::string("article"), event->type());
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), event->data());
        CPPUNIT_ASSERT_EQUAL("news:" + std::to_string(event->sequence()), event->id());
        CPPUNIT_ASSERT_EQUAL("id: " + event->id() + "\nevent: article\ndata: hello\n\n", event->frame());
        CPPUNIT_ASSERT_EQUAL(event->sequence(), bus.lastSequence());
        CPPUNIT_ASSERT(event->time().elapsed() >= 0);
    }

    void testIdsIncreaseAcrossTopics()
    {
        InProcessBus bus(limits());
        const std::uint64_t before = bus.lastSequence();
        const std::vector<EventPtr> events =
            bus.publish({Publication{"a", "message", "1"}, Publication{"b", "message", "2"}});
        const EventPtr third = bus.publish("a", "message", "3");
        CPPUNIT_ASSERT(before < events[0]->sequence());
        CPPUNIT_ASSERT(events[0]->sequence() < events[1]->sequence());
        CPPUNIT_ASSERT(events[1]->sequence() < third->sequence());
        CPPUNIT_ASSERT_EQUAL(third->sequence(), bus.lastSequence());
    }

    void testBadPublicationRefused()
    {
        InProcessBus bus(limits());
        CPPUNIT_ASSERT_THROW(bus.publish("bad topic", "message", "x"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(bus.publish("t", "", "x"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(bus.publish("t", "a\nb", "x"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(bus.publish("t", std::string("a\0b", 3), "x"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_THROW(bus.publish("t", "message", "\xff\xfe"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_NO_THROW(bus.publish("t", "message", "caf\xC3\xA9 \xE2\x82\xAC"));
    }

    void testBatchIsAllOrNothing()
    {
        InProcessBus bus(limits());
        RecordingSink sink;
        bus.attach(sink);
        const std::uint64_t before = bus.lastSequence();
        CPPUNIT_ASSERT_THROW(
            bus.publish({Publication{"good", "message", "1"}, Publication{"good", "a\rb", "2"}}),
            Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(before, bus.lastSequence());
        CPPUNIT_ASSERT(sink.events().empty());
        CPPUNIT_ASSERT(bus.topics().empty());
        CPPUNIT_ASSERT(bus.replay({"good"}, before, 0).events.empty());
        bus.detach(sink);
    }

    void testBatchErrorNamesTheItem()
    {
        InProcessBus bus(limits());
        assertRefused("batch item 2 (counting from 0): invalid topic 'no good'", bus,
                      {Publication{"a", "message", "1"}, Publication{"b", "message", "2"},
                       Publication{"no good", "message", "3"}});
        assertRefused("batch item 1 (counting from 0): data must be valid UTF-8", bus,
                      {Publication{"a", "message", "1"}, Publication{"a", "message", "\xff"}});
        // One event is not a batch: its error stays as it was.
        assertRefused("invalid topic 'no good'", bus, {Publication{"no good", "message", "1"}});
    }

    void testReplayMergesTopicsInOrder()
    {
        InProcessBus bus(limits());
        const std::uint64_t start = bus.lastSequence();
        bus.publish({Publication{"a", "message", "1"}, Publication{"b", "message", "2"},
                     Publication{"c", "message", "x"}, Publication{"a", "message", "3"},
                     Publication{"b", "message", "4"}});
        const Bus::Replay replay = bus.replay({"b", "a"}, start, 0);
        std::vector<std::string> data;
        for (const EventPtr& event : replay.events)
            data.push_back(event->data());
        CPPUNIT_ASSERT(std::vector<std::string>({"1", "2", "3", "4"}) == data);
        CPPUNIT_ASSERT(!replay.truncated);
    }

    void testReplayFromInsideHistory()
    {
        InProcessBus bus(limits());
        const std::vector<EventPtr> events =
            bus.publish({Publication{"a", "message", "1"}, Publication{"a", "message", "2"},
                         Publication{"a", "message", "3"}});
        const Bus::Replay replay = bus.replay({"a"}, events[0]->sequence(), 0);
        CPPUNIT_ASSERT(idsOf({events[1], events[2]}) == idsOf(replay.events));
        CPPUNIT_ASSERT(!replay.truncated);
        CPPUNIT_ASSERT(bus.replay({"a"}, events[2]->sequence(), 0).events.empty());
    }

    void testReplayLimitAndPosition()
    {
        InProcessBus bus(limits());
        const std::uint64_t start = bus.lastSequence();
        const std::vector<EventPtr> events =
            bus.publish({Publication{"a", "message", "1"}, Publication{"b", "message", "2"},
                         Publication{"a", "message", "3"}});
        const Bus::Replay first = bus.replay({"a", "b"}, start, 2);
        CPPUNIT_ASSERT(idsOf({events[0], events[1]}) == idsOf(first.events));
        CPPUNIT_ASSERT_EQUAL(events[1]->sequence(), first.position);
        const Bus::Replay second = bus.replay({"a", "b"}, first.position, 2);
        CPPUNIT_ASSERT(idsOf({events[2]}) == idsOf(second.events));
        CPPUNIT_ASSERT_EQUAL(events[2]->sequence(), second.position);
    }

    void testReplayPositionIsNewestSequence()
    {
        InProcessBus bus(limits());
        const EventPtr mine = bus.publish("mine", "message", "1");
        const EventPtr other = bus.publish("other", "message", "2");
        // Nothing new on "mine", yet the client is now up to date with the whole hub.
        const Bus::Replay replay = bus.replay({"mine"}, mine->sequence(), 0);
        CPPUNIT_ASSERT(replay.events.empty());
        CPPUNIT_ASSERT_EQUAL(other->sequence(), replay.position);
    }

    void testReplayPastNewestGoesLive()
    {
        // A cursor from the future (another hub, a clock set back) must not
        // hide the events published next.
        InProcessBus bus(limits());
        const EventPtr event = bus.publish("a", "message", "1");
        const Bus::Replay replay = bus.replay({"a"}, event->sequence() + 1000000, 0);
        CPPUNIT_ASSERT(replay.events.empty());
        CPPUNIT_ASSERT(!replay.truncated);
        CPPUNIT_ASSERT_EQUAL(event->sequence(), replay.position);
    }

    void testReplayTruncatedWhenHistoryDroppedEvents()
    {
        InProcessBus bus(limits(2));
        const std::uint64_t start = bus.lastSequence();
        const std::vector<EventPtr> events =
            bus.publish({Publication{"a", "message", "1"}, Publication{"a", "message", "2"},
                         Publication{"a", "message", "3"}, Publication{"a", "message", "4"}});
        const Bus::Replay lost = bus.replay({"a"}, start, 0);
        CPPUNIT_ASSERT(lost.truncated);
        CPPUNIT_ASSERT(idsOf({events[2], events[3]}) == idsOf(lost.events));
        const Bus::Replay complete = bus.replay({"a"}, events[1]->sequence(), 0);
        CPPUNIT_ASSERT(!complete.truncated);
        CPPUNIT_ASSERT(idsOf({events[2], events[3]}) == idsOf(complete.events));
    }

    void testReplayTruncatedFromBeforeTheBus()
    {
        // Ids from before a restart: whatever came between is gone.
        InProcessBus bus(limits());
        const EventPtr event = bus.publish("a", "message", "1");
        const Bus::Replay replay = bus.replay({"a"}, 1, 0);
        CPPUNIT_ASSERT(replay.truncated);
        CPPUNIT_ASSERT(idsOf({event}) == idsOf(replay.events));
    }

    void testReplayOfUnknownTopicIsEmpty()
    {
        InProcessBus bus(limits());
        const std::uint64_t start = bus.lastSequence();
        bus.publish("a", "message", "1");
        const Bus::Replay replay = bus.replay({"never"}, start, 0);
        CPPUNIT_ASSERT(replay.events.empty());
        CPPUNIT_ASSERT(!replay.truncated);
    }

    void testNewest()
    {
        InProcessBus bus(limits());
        const std::vector<EventPtr> events =
            bus.publish({Publication{"b", "message", "1"}, Publication{"a", "message", "2"},
                         Publication{"b", "message", "3"}, Publication{"c", "message", "4"}});
        CPPUNIT_ASSERT(idsOf({events[1], events[2]}) == idsOf(bus.newest({"b", "a", "missing"})));
        CPPUNIT_ASSERT(bus.newest({"missing"}).empty());
    }

    void testMaxTopics()
    {
        InProcessBus bus(limits(100, 2));
        bus.publish("a", "message", "1");
        bus.publish("b", "message", "2");
        CPPUNIT_ASSERT_THROW(bus.publish("c", "message", "3"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_NO_THROW(bus.publish("a", "message", "4"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), bus.topics().size());

        InProcessBus fresh(limits(100, 2));
        const std::uint64_t before = fresh.lastSequence();
        CPPUNIT_ASSERT_THROW(
            fresh.publish({Publication{"x", "message", "1"}, Publication{"y", "message", "2"},
                           Publication{"z", "message", "3"}}),
            Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(before, fresh.lastSequence());
        CPPUNIT_ASSERT(fresh.topics().empty());
    }

    void testExpireForgetsIdleTopics()
    {
        InProcessBus bus(limits(100, 100, Poco::Timespan(0, 1000)));
        bus.publish("old", "message", "1");
        Poco::Thread::sleep(20);
        bus.expire();
        CPPUNIT_ASSERT(bus.topics().empty());
        CPPUNIT_ASSERT(bus.newest({"old"}).empty());
    }

    void testExpireKeepsSubscribedTopics()
    {
        InProcessBus bus(limits(100, 100, Poco::Timespan(0, 1000)));
        bus.countSubscribers("watched", +1);
        const EventPtr event = bus.publish("watched", "message", "1");
        Poco::Thread::sleep(20);
        bus.expire();
        const std::vector<Bus::TopicStatus> topics = bus.topics();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), topics.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), topics[0].held);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), topics[0].subscribers);
        CPPUNIT_ASSERT_EQUAL(event->sequence(), topics[0].lastSequence);
    }

    void testReplayOfForgottenTopicIsTruncated()
    {
        InProcessBus bus(limits(100, 100, Poco::Timespan(0, 1000)));
        const std::uint64_t start = bus.lastSequence();
        const EventPtr event = bus.publish("old", "message", "1");
        Poco::Thread::sleep(20);
        bus.expire();
        CPPUNIT_ASSERT(bus.replay({"old"}, start, 0).truncated);
        CPPUNIT_ASSERT(!bus.replay({"old"}, event->sequence(), 0).truncated);
    }

    void testSubscriberCounts()
    {
        InProcessBus bus(limits());
        bus.countSubscribers("a", +1);
        bus.countSubscribers("b", +1);
        bus.countSubscribers("a", +1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), bus.subscriberCount("a"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), bus.subscriberCount("b"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), bus.subscriberCount("c"));
        bus.countSubscribers("a", -1);
        bus.countSubscribers("b", -1);
        const std::vector<Bus::TopicStatus> topics = bus.topics();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), findTopic(topics, "a")->subscribers);
        // Nobody published to b and nobody watches it any more: it is gone.
        CPPUNIT_ASSERT(findTopic(topics, "b") == nullptr);
        bus.expire();
        CPPUNIT_ASSERT(findTopic(bus.topics(), "a") != nullptr);
    }

    void testSubscribingTakesNoPlaceAmongTopics()
    {
        InProcessBus bus(limits(100, 2));
        for (int i = 0; i < 1000; ++i)
            bus.countSubscribers("polled" + std::to_string(i), +1);
        // Watching (or polling) names no topic into existence: publishing still has its room.
        CPPUNIT_ASSERT_NO_THROW(bus.publish("a", "message", "1"));
        CPPUNIT_ASSERT_NO_THROW(bus.publish("polled7", "message", "2"));
        CPPUNIT_ASSERT_THROW(bus.publish("b", "message", "3"), Poco::InvalidArgumentException);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), bus.subscriberCount("polled7"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), bus.subscriberCount("polled999"));
        for (int i = 0; i < 1000; ++i)
            bus.countSubscribers("polled" + std::to_string(i), -1);
        // Counts of topics nobody published to are given back with the subscriptions.
        const std::vector<Bus::TopicStatus> topics = bus.topics();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), topics.size());
        CPPUNIT_ASSERT(findTopic(topics, "a") != nullptr);
        CPPUNIT_ASSERT(findTopic(topics, "polled7") != nullptr);
    }

    void testSinksGetEventsInOrder()
    {
        constexpr int THREADS = 4;
        constexpr int PER_THREAD = 500;
        InProcessBus bus(limits(10));
        RecordingSink first;
        RecordingSink second;
        bus.attach(first);
        bus.attach(second);
        std::vector<std::thread> publishers;
        for (int t = 0; t < THREADS; ++t)
        {
            publishers.emplace_back([&bus, t] {
                for (int i = 0; i < PER_THREAD; ++i)
                    bus.publish("topic" + std::to_string(t), "message", std::to_string(i));
            });
        }
        for (std::thread& publisher : publishers)
            publisher.join();
        for (const RecordingSink* sink : {&first, &second})
        {
            const std::vector<EventPtr> events = sink->events();
            CPPUNIT_ASSERT_EQUAL(std::size_t(THREADS * PER_THREAD), events.size());
            for (std::size_t i = 1; i < events.size(); ++i)
                CPPUNIT_ASSERT(events[i - 1]->sequence() < events[i]->sequence());
        }
        // Each subscriber gets the same encoded event, not a copy.
        CPPUNIT_ASSERT(first.events().front() == second.events().front());
        bus.detach(first);
        bus.detach(second);
    }

    void testDetachedSinkGetsNothing()
    {
        InProcessBus bus(limits());
        RecordingSink sink;
        bus.attach(sink);
        bus.publish("a", "message", "1");
        bus.detach(sink);
        bus.publish("a", "message", "2");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), sink.events().size());
    }
private:
    static void assertRefused(const std::string& start, InProcessBus& bus, const std::vector<Publication>& batch)
    {
        try
        {
            bus.publish(batch);
        }
        catch (const Poco::InvalidArgumentException& exc)
        {
            CPPUNIT_ASSERT_EQUAL(start, exc.message().substr(0, start.size()));
            return;
        }
        CPPUNIT_FAIL("not refused: " + start);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessBusTest);
