//
// HistoryStoreContractTest.cpp
//
// The contract every history store keeps, run against each implementation.
//

#include "Poco/File.h"
#include "Poco/Thread.h"
#include "TestDaemon.h"
#include "history/MemoryHistoryStore.h"
#include "history/SqliteHistoryStore.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::Event;
using feedhub::EventPtr;
using feedhub::HistoryStore;

namespace
{

using Sequences = std::vector<std::uint64_t>;

Sequences sequencesOf(const std::vector<EventPtr>& events)
{
    Sequences sequences;
    for (const EventPtr& event : events)
        sequences.push_back(event->sequence());
    return sequences;
}

EventPtr event(const std::string& topic, std::uint64_t sequence, Poco::Timestamp time = Poco::Timestamp())
{
    return std::make_shared<const Event>(topic, sequence, "message", topic + std::to_string(sequence), time);
}

HistoryStore::Bounds bounds(std::size_t maxEvents = 100, Poco::Timespan maxAge = Poco::Timespan(3600, 0))
{
    HistoryStore::Bounds result;
    result.maxEvents = maxEvents;
    result.maxAge = maxAge;
    result.maxBytes = 1 << 20;
    return result;
}

} // namespace

class HistoryStoreContractTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(HistoryStoreContractTest);
    CPPUNIT_TEST(testEmpty);
    CPPUNIT_TEST(testReadsOneTopic);
    CPPUNIT_TEST(testReadsAcrossTopicsInOrder);
    CPPUNIT_TEST(testReadsFromInsideWithLimit);
    CPPUNIT_TEST(testBoundedByCount);
    CPPUNIT_TEST(testBoundedByAge);
    CPPUNIT_TEST(testTrimForgetsEmptyTopics);
    CPPUNIT_TEST(testRecentFitsTheBudget);
    CPPUNIT_TEST(testSequencesContinueAfterReopen);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    virtual std::unique_ptr<HistoryStore> open(const HistoryStore::Bounds& bounds) = 0;
        /// Opens the fixture's store; again after a first open, it reopens it.

    virtual bool durable() const = 0;

    void testEmpty()
    {
        auto store = open(bounds());
        CPPUNIT_ASSERT(store->readAfter({"a"}, 0, 0).empty());
        CPPUNIT_ASSERT(!store->lostAfter("a", 0));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), store->lastSequence());
        CPPUNIT_ASSERT(store->summaries().empty());
    }

    void testReadsOneTopic()
    {
        auto store = open(bounds());
        store->append({event("a", 10), event("b", 11), event("a", 12)});
        store->append({event("a", 13)});
        const std::vector<EventPtr> read = store->readAfter({"a"}, 0, 0);
        CPPUNIT_ASSERT(Sequences({10, 12, 13}) == sequencesOf(read));
        CPPUNIT_ASSERT_EQUAL(std::string("a12"), read[1]->data());
        CPPUNIT_ASSERT_EQUAL(std::string("a:12"), read[1]->id());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(13), store->lastSequence());
    }

    void testReadsAcrossTopicsInOrder()
    {
        auto store = open(bounds());
        store->append({event("a", 1), event("b", 2), event("c", 3), event("b", 4), event("a", 5)});
        CPPUNIT_ASSERT(Sequences({1, 2, 4, 5}) == sequencesOf(store->readAfter({"b", "a"}, 0, 0)));
    }

    void testReadsFromInsideWithLimit()
    {
        auto store = open(bounds());
        store->append({event("a", 1), event("b", 2), event("a", 3), event("b", 4), event("a", 5)});
        CPPUNIT_ASSERT(Sequences({3, 4}) == sequencesOf(store->readAfter({"a", "b"}, 2, 2)));
        CPPUNIT_ASSERT(store->readAfter({"a", "b"}, 5, 0).empty());
    }

    void testBoundedByCount()
    {
        auto store = open(bounds(3));
        for (std::uint64_t s = 1; s <= 5; ++s)
            store->append({event("a", s)});
        store->append({event("b", 6)});
        CPPUNIT_ASSERT(Sequences({3, 4, 5}) == sequencesOf(store->readAfter({"a"}, 0, 0)));
        store->trim(Poco::Timestamp());
        CPPUNIT_ASSERT(Sequences({3, 4, 5}) == sequencesOf(store->readAfter({"a"}, 0, 0)));
        CPPUNIT_ASSERT(store->lostAfter("a", 1));
        CPPUNIT_ASSERT(!store->lostAfter("a", 2));
        CPPUNIT_ASSERT(!store->lostAfter("b", 0));
    }

    void testBoundedByAge()
    {
        auto store = open(bounds(100, Poco::Timespan(60, 0)));
        const Poco::Timestamp old = Poco::Timestamp() - Poco::Timespan(120, 0).totalMicroseconds();
        store->append({event("a", 1, old), event("a", 2, old), event("a", 3), event("a", 4)});
        CPPUNIT_ASSERT(Sequences({3, 4}) == sequencesOf(store->readAfter({"a"}, 0, 0)));
        store->trim(Poco::Timestamp());
        CPPUNIT_ASSERT(Sequences({3, 4}) == sequencesOf(store->readAfter({"a"}, 0, 0)));
        CPPUNIT_ASSERT(store->lostAfter("a", 0));
        CPPUNIT_ASSERT(!store->lostAfter("a", 2));
    }

    void testTrimForgetsEmptyTopics()
    {
        auto store = open(bounds(100, Poco::Timespan(60, 0)));
        const Poco::Timestamp old = Poco::Timestamp() - Poco::Timespan(120, 0).totalMicroseconds();
        store->append({event("gone", 1, old), event("kept", 2)});
        store->trim(Poco::Timestamp());
        const std::vector<HistoryStore::TopicSummary> topics = store->summaries();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), topics.size());
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), topics[0].name);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), topics[0].held);
        CPPUNIT_ASSERT(store->lostAfter("gone", 0));
        CPPUNIT_ASSERT(!store->lostAfter("gone", 1));
    }

    void testRecentFitsTheBudget()
    {
        auto store = open(bounds());
        std::vector<EventPtr> events;
        for (std::uint64_t s = 1; s <= 10; ++s)
            events.push_back(event(s % 2 ? "a" : "b", s));
        store->append(events);
        const std::size_t three = 3 * feedhub::TopicHistory::bytesOf(*events.back());
        CPPUNIT_ASSERT(Sequences({8, 9, 10}) == sequencesOf(store->recent(three)));
        CPPUNIT_ASSERT_EQUAL(std::size_t(10), store->recent(1 << 20).size());
    }

    void testSequencesContinueAfterReopen()
    {
        std::uint64_t last = 0;
        {
            auto store = open(bounds());
            last = store->originSequence() + 3;
            store->append({event("a", last - 2), event("b", last - 1), event("a", last)});
        }
        // Sequences start after the wall clock's microseconds too.
        Poco::Thread::sleep(5);
        auto reopened = open(bounds());
        CPPUNIT_ASSERT(std::max(reopened->lastSequence(), reopened->originSequence()) >= last);
        if (durable())
        {
            CPPUNIT_ASSERT_EQUAL(last, reopened->lastSequence());
            CPPUNIT_ASSERT(Sequences({last - 2, last - 1, last}) ==
                           sequencesOf(reopened->readAfter({"a", "b"}, 0, 0)));
        }
    }
};

class MemoryHistoryStoreFixture : public HistoryStoreContractTest
{
    CPPUNIT_TEST_SUB_SUITE(MemoryHistoryStoreFixture, HistoryStoreContractTest);
    CPPUNIT_TEST_SUITE_END();

public:
    std::unique_ptr<HistoryStore> open(const HistoryStore::Bounds& bounds) override
    {
        return std::make_unique<feedhub::MemoryHistoryStore>(bounds);
    }

    bool durable() const override { return false; }
};

class SqliteHistoryStoreFixture : public HistoryStoreContractTest
{
    CPPUNIT_TEST_SUB_SUITE(SqliteHistoryStoreFixture, HistoryStoreContractTest);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _dir = TestDaemon::makeTempDir(); }
    void tearDown() override { Poco::File(_dir).remove(true); }

    std::unique_ptr<HistoryStore> open(const HistoryStore::Bounds& bounds) override
    {
        return std::make_unique<feedhub::SqliteHistoryStore>(_dir + "/history.db", bounds,
                                                             feedhub::SqliteHistoryStore::Sync::NORMAL);
    }

    bool durable() const override { return true; }

private:
    std::string _dir;
};

CPPUNIT_TEST_SUITE_NAMED_REGISTRATION(MemoryHistoryStoreFixture, "HistoryStoreContractTest");
CPPUNIT_TEST_SUITE_NAMED_REGISTRATION(SqliteHistoryStoreFixture, "HistoryStoreContractTest");
CPPUNIT_REGISTRY_ADD_TO_DEFAULT("HistoryStoreContractTest");
