//
// TopicHistoryTest.cpp
//

#include "history/TopicHistory.h"
#include <cppunit/extensions/HelperMacros.h>

using feedhub::Event;
using feedhub::EventPtr;
using feedhub::TopicHistory;

namespace
{

const Poco::Timestamp START;

EventPtr eventAt(std::uint64_t sequence, int secondsAfterStart = 0)
{
    return std::make_shared<const Event>("t", sequence, "message", "e" + std::to_string(sequence),
                                         START + Poco::Timespan(secondsAfterStart, 0).totalMicroseconds());
}

std::vector<std::uint64_t> sequencesAfter(const TopicHistory& history, std::uint64_t sequence)
{
    std::vector<EventPtr> events;
    history.collectAfter(sequence, events);
    std::vector<std::uint64_t> sequences;
    for (const EventPtr& event : events)
        sequences.push_back(event->sequence());
    return sequences;
}

using Sequences = std::vector<std::uint64_t>;

} // namespace

class TopicHistoryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TopicHistoryTest);
    CPPUNIT_TEST(testEmpty);
    CPPUNIT_TEST(testBoundedByCount);
    CPPUNIT_TEST(testZeroCountHoldsNothing);
    CPPUNIT_TEST(testBoundedByAge);
    CPPUNIT_TEST(testEventAtExactlyMaxAgeIsKept);
    CPPUNIT_TEST(testCollectFromInsideTheWindow);
    CPPUNIT_TEST(testCollectFromBeforeTheWindow);
    CPPUNIT_TEST(testCollectFromAfterTheWindow);
    CPPUNIT_TEST(testCollectBetweenSparseSequences);
    CPPUNIT_TEST(testCollectAppendsToWhatIsThere);
    CPPUNIT_TEST(testLostAfter);
    CPPUNIT_TEST(testLostAfterAgeEviction);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEmpty()
    {
        TopicHistory history(10, Poco::Timespan(60, 0));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), history.size());
        CPPUNIT_ASSERT(!history.newest());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), history.lastSequence());
        CPPUNIT_ASSERT(sequencesAfter(history, 0).empty());
        CPPUNIT_ASSERT(!history.lostAfter(0));
    }

    void testBoundedByCount()
    {
        TopicHistory history(3, Poco::Timespan(60, 0));
        for (std::uint64_t s = 1; s <= 5; ++s)
            history.append(eventAt(s));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), history.size());
        CPPUNIT_ASSERT(Sequences({3, 4, 5}) == sequencesAfter(history, 0));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(5), history.newest()->sequence());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(5), history.lastSequence());
    }

    void testZeroCountHoldsNothing()
    {
        TopicHistory history(0, Poco::Timespan(60, 0));
        history.append(eventAt(7));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), history.size());
        CPPUNIT_ASSERT(!history.newest());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(7), history.lastSequence());
        CPPUNIT_ASSERT(history.lostAfter(6));
        CPPUNIT_ASSERT(!history.lostAfter(7));
    }

    void testBoundedByAge()
    {
        TopicHistory history(100, Poco::Timespan(10, 0));
        history.append(eventAt(1, 0));
        history.append(eventAt(2, 5));
        history.append(eventAt(3, 12));
        history.expire(START + Poco::Timespan(9, 0).totalMicroseconds());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), history.size());
        history.expire(START + Poco::Timespan(11, 0).totalMicroseconds());
        CPPUNIT_ASSERT(Sequences({2, 3}) == sequencesAfter(history, 0));
        history.expire(START + Poco::Timespan(60, 0).totalMicroseconds());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), history.size());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), history.lastSequence());
    }

    void testEventAtExactlyMaxAgeIsKept()
    {
        TopicHistory history(100, Poco::Timespan(10, 0));
        history.append(eventAt(1, 0));
        history.expire(START + Poco::Timespan(10, 0).totalMicroseconds());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), history.size());
    }

    void testCollectFromInsideTheWindow()
    {
        TopicHistory history(3, Poco::Timespan(60, 0));
        for (std::uint64_t s = 1; s <= 5; ++s)
            history.append(eventAt(s));
        CPPUNIT_ASSERT(Sequences({4, 5}) == sequencesAfter(history, 3));
        CPPUNIT_ASSERT(Sequences({5}) == sequencesAfter(history, 4));
        CPPUNIT_ASSERT(!history.lostAfter(3));
        CPPUNIT_ASSERT(!history.lostAfter(4));
    }

    void testCollectFromBeforeTheWindow()
    {
        TopicHistory history(3, Poco::Timespan(60, 0));
        for (std::uint64_t s = 1; s <= 5; ++s)
            history.append(eventAt(s));
        CPPUNIT_ASSERT(Sequences({3, 4, 5}) == sequencesAfter(history, 1));
        CPPUNIT_ASSERT(history.lostAfter(1));
        CPPUNIT_ASSERT(Sequences({3, 4, 5}) == sequencesAfter(history, 2));
        CPPUNIT_ASSERT(!history.lostAfter(2));
    }

    void testCollectFromAfterTheWindow()
    {
        TopicHistory history(3, Poco::Timespan(60, 0));
        for (std::uint64_t s = 1; s <= 5; ++s)
            history.append(eventAt(s));
        CPPUNIT_ASSERT(sequencesAfter(history, 5).empty());
        CPPUNIT_ASSERT(sequencesAfter(history, 1000).empty());
        CPPUNIT_ASSERT(!history.lostAfter(5));
        CPPUNIT_ASSERT(!history.lostAfter(1000));
    }

    void testCollectBetweenSparseSequences()
    {
        // Sequences are hub-wide, so one topic sees gaps between its own.
        TopicHistory history(10, Poco::Timespan(60, 0));
        for (std::uint64_t s : {10, 20, 30})
            history.append(eventAt(s));
        CPPUNIT_ASSERT(Sequences({20, 30}) == sequencesAfter(history, 15));
        CPPUNIT_ASSERT(Sequences({10, 20, 30}) == sequencesAfter(history, 9));
        CPPUNIT_ASSERT(Sequences({30}) == sequencesAfter(history, 29));
    }

    void testCollectAppendsToWhatIsThere()
    {
        TopicHistory history(10, Poco::Timespan(60, 0));
        history.append(eventAt(2));
        std::vector<EventPtr> events{eventAt(1)};
        history.collectAfter(0, events);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), events.size());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), events[0]->sequence());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), events[1]->sequence());
    }

    void testLostAfter()
    {
        TopicHistory history(2, Poco::Timespan(60, 0));
        for (std::uint64_t s : {10, 20, 30, 40})
            history.append(eventAt(s));
        // 10 and 20 are gone: a client that saw less than 20 missed something.
        CPPUNIT_ASSERT(history.lostAfter(0));
        CPPUNIT_ASSERT(history.lostAfter(10));
        CPPUNIT_ASSERT(history.lostAfter(19));
        CPPUNIT_ASSERT(!history.lostAfter(20));
        CPPUNIT_ASSERT(!history.lostAfter(25));
    }

    void testLostAfterAgeEviction()
    {
        TopicHistory history(10, Poco::Timespan(10, 0));
        history.append(eventAt(1, 0));
        history.append(eventAt(2, 20));
        history.expire(START + Poco::Timespan(15, 0).totalMicroseconds());
        CPPUNIT_ASSERT(history.lostAfter(0));
        CPPUNIT_ASSERT(!history.lostAfter(1));
        CPPUNIT_ASSERT(Sequences({2}) == sequencesAfter(history, 0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TopicHistoryTest);
