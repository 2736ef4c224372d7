//
// JournaledBusTest.cpp
//

#include "Poco/Exception.h"
#include "Poco/File.h"
#include "TestDaemon.h"
#include "bus/InProcessBus.h"
#include "feedhub/HttpError.h"
#include "history/SqliteHistoryStore.h"
#include <cppunit/extensions/HelperMacros.h>
#include <future>
#include <mutex>

using feedhub::Bus;
using feedhub::EventPtr;
using feedhub::HistoryStore;
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

    std::size_t count() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _events.size();
    }

private:
    mutable std::mutex _mutex;
    std::vector<EventPtr> _events;
};

class RefusingStore : public feedhub::MemoryHistoryStore
    /// A store whose disk is full.
{
public:
    RefusingStore() : MemoryHistoryStore(HistoryStore::Bounds()) {}
    void append(const std::vector<EventPtr>&) override
    {
        throw Poco::IOException("database or disk is full");
    }
};

InProcessBus::Limits limits(std::size_t memoryBudgetBytes = 1 << 20)
{
    InProcessBus::Limits result;
    result.history.maxEvents = 1000;
    result.memoryBudgetBytes = memoryBudgetBytes;
    result.maxTopics = 100;
    return result;
}

std::vector<std::string> idsOf(const std::vector<EventPtr>& events)
{
    std::vector<std::string> ids;
    for (const EventPtr& event : events)
        ids.push_back(event->id());
    return ids;
}

Bus::Replay replayStored(Bus& bus, const std::vector<std::string>& topics, std::uint64_t after)
{
    std::promise<Bus::Replay> promise;
    bus.replayStored(topics, after, 0,
                     [&promise](Bus::Replay replay) { promise.set_value(std::move(replay)); });
    return promise.get_future().get();
}

} // namespace

class JournaledBusTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JournaledBusTest);
    CPPUNIT_TEST(testPublishAnswersOnceStored);
    CPPUNIT_TEST(testBadPublicationRefusedBeforeQueueing);
    CPPUNIT_TEST(testFailedStoreAcknowledgesAndDeliversNothing);
    CPPUNIT_TEST(testOlderThanMemoryIsReadFromTheJournal);
    CPPUNIT_TEST(testRestartContinuesSequencesAndHistory);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }
    void tearDown() override { Poco::File(_dir).remove(true); }

    void testPublishAnswersOnceStored()
    {
        auto bus = open(limits());
        RecordingSink sink;
        bus->attach(sink);
        std::promise<feedhub::PublishResult> promise;
        bus->publish({Publication{"a", "message", "1"}, Publication{"b", "message", "2"}},
                     [&promise](feedhub::PublishResult result) { promise.set_value(std::move(result)); });
        const feedhub::PublishResult result = promise.get_future().get();
        CPPUNIT_ASSERT(result.stored());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), result.events.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), sink.count());
        CPPUNIT_ASSERT_EQUAL(result.events.back()->sequence(), bus->lastSequence());
        bus->detach(sink);
    }

    void testBadPublicationRefusedBeforeQueueing()
    {
        auto bus = open(limits());
        bool called = false;
        CPPUNIT_ASSERT_THROW(
            bus->publish({Publication{"a", "message", "1"}, Publication{"bad topic", "m", ""}},
                         [&called](feedhub::PublishResult) { called = true; }),
            Poco::InvalidArgumentException);
        CPPUNIT_ASSERT(!called);
    }

    void testFailedStoreAcknowledgesAndDeliversNothing()
    {
        InProcessBus bus(limits(), std::make_unique<RefusingStore>(), InProcessBus::JournalOptions());
        RecordingSink sink;
        bus.attach(sink);
        const std::uint64_t before = bus.lastSequence();
        try
        {
            bus.publish("a", "message", "1");
            CPPUNIT_FAIL("a publish that was not stored was acknowledged");
        }
        catch (const feedhub::HttpError& error)
        {
            CPPUNIT_ASSERT_EQUAL(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, error.status());
            CPPUNIT_ASSERT(std::string(error.what()).find("disk is full") != std::string::npos);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), sink.count());
        CPPUNIT_ASSERT_EQUAL(before, bus.lastSequence());
        CPPUNIT_ASSERT(bus.replay({"a"}, before, 0).events.empty());
        bus.detach(sink);
    }

    void testOlderThanMemoryIsReadFromTheJournal()
    {
        // Memory holds about two events: the journal holds the rest.
        auto bus = open(limits(400));
        const std::uint64_t start = bus->lastSequence();
        std::vector<EventPtr> published;
        for (int i = 0; i < 10; ++i)
            published.push_back(bus->publish(i % 2 ? "a" : "b", "message", std::string(50, 'x')));
        const Bus::Replay fromMemory = bus->replay({"a", "b"}, start, 0);
        CPPUNIT_ASSERT(fromMemory.inJournal);
        CPPUNIT_ASSERT(fromMemory.events.empty());
        CPPUNIT_ASSERT(bus->canReplay({"a", "b"}, start));

        const Bus::Replay stored = replayStored(*bus, {"a", "b"}, start);
        CPPUNIT_ASSERT(!stored.truncated);
        CPPUNIT_ASSERT(idsOf(published) == idsOf(stored.events));
        CPPUNIT_ASSERT_EQUAL(published.back()->sequence(), stored.position);
        // The recent end is still answered from memory.
        const Bus::Replay recent = bus->replay({"a", "b"}, published[8]->sequence(), 0);
        CPPUNIT_ASSERT(!recent.inJournal);
        CPPUNIT_ASSERT(idsOf({published[9]}) == idsOf(recent.events));
    }

    void testRestartContinuesSequencesAndHistory()
    {
        std::vector<EventPtr> before;
        std::uint64_t start = 0;
        {
            auto bus = open(limits());
            start = bus->lastSequence();
            for (int i = 0; i < 5; ++i)
                before.push_back(bus->publish("a", "message", std::to_string(i)));
        }
        auto bus = open(limits());
        CPPUNIT_ASSERT(bus->lastSequence() >= before.back()->sequence());
        const EventPtr after = bus->publish("a", "message", "after");
        CPPUNIT_ASSERT(after->sequence() > before.back()->sequence());
        const Bus::Replay replay = bus->replay({"a"}, start, 0);
        CPPUNIT_ASSERT(!replay.truncated);
        before.push_back(after);
        CPPUNIT_ASSERT(idsOf(before) == idsOf(replay.events));
        CPPUNIT_ASSERT_EQUAL(after->id(), bus->newest({"a"}).front()->id());
    }

private:
    std::unique_ptr<InProcessBus> open(const InProcessBus::Limits& limits)
    {
        return std::make_unique<InProcessBus>(
            limits,
            std::make_unique<feedhub::SqliteHistoryStore>(_dir + "/history.db", limits.history,
                                                          feedhub::SqliteHistoryStore::Sync::NORMAL),
            InProcessBus::JournalOptions());
    }

    std::string _dir;
};

CPPUNIT_TEST_SUITE_REGISTRATION(JournaledBusTest);
