//
// WriteQueueTest.cpp
//

#include "loop/WriteQueue.h"
#include "loop/LoopConnection.h"
#include <cppunit/extensions/HelperMacros.h>
#include <memory>
#include <vector>

using feedhub::LoopConnection;
using feedhub::WriteQueue;

namespace
{

class IdleConnection : public LoopConnection
    /// A connection no loop ever serves: the queue only keeps its address.
{
public:
    IdleConnection() : LoopConnection(Poco::Net::StreamSocket(), feedhub::ConnectionLimit::Slot()) {}

    void opened() override {}
    void eventPublished(const feedhub::EventPtr&) override {}
};

std::vector<std::unique_ptr<IdleConnection>> connections(std::size_t count)
{
    std::vector<std::unique_ptr<IdleConnection>> made;
    for (std::size_t i = 0; i < count; ++i)
        made.push_back(std::make_unique<IdleConnection>());
    return made;
}

} // namespace

class WriteQueueTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WriteQueueTest);
    CPPUNIT_TEST(testConnectionsComeOutInTheOrderTheyWentIn);
    CPPUNIT_TEST(testPositionsCountEveryConnectionEverQueued);
    CPPUNIT_TEST(testAQueueThatNeverDrainsKeepsItsOrder);
    CPPUNIT_TEST_SUITE_END();

public:
    void testConnectionsComeOutInTheOrderTheyWentIn()
    {
        auto made = connections(3);
        WriteQueue queue;
        CPPUNIT_ASSERT(queue.empty());
        CPPUNIT_ASSERT(queue.pop() == nullptr);
        for (auto& connection : made)
            queue.push(*connection);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), queue.size());
        for (auto& connection : made)
            CPPUNIT_ASSERT(queue.pop() == connection.get());
        CPPUNIT_ASSERT(queue.empty());
        CPPUNIT_ASSERT(queue.pop() == nullptr);
    }

    void testPositionsCountEveryConnectionEverQueued()
    {
        auto made = connections(2);
        WriteQueue queue;
        queue.push(*made[0]);
        queue.push(*made[1]);
        queue.pop();
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), queue.pushed());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), queue.popped());
        queue.pop();
        // Drained and reused: the positions go on from where they were.
        queue.push(*made[0]);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), queue.pushed());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), queue.popped());
    }

    void testAQueueThatNeverDrainsKeepsItsOrder()
    {
        // A fan-out that is always a little behind: one more queued per two
        // taken, across the point where taken entries are dropped.
        auto made = connections(3);
        WriteQueue queue;
        std::size_t next = 0;
        std::size_t expected = 0;
        for (std::size_t i = 0; i < 5000; ++i)
            queue.push(*made[next++ % made.size()]);
        for (std::size_t round = 0; round < 8000; ++round)
        {
            CPPUNIT_ASSERT(queue.pop() == made[expected++ % made.size()].get());
            if (round % 2 == 0)
                queue.push(*made[next++ % made.size()]);
        }
        CPPUNIT_ASSERT_EQUAL(next - expected, queue.size());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(expected), queue.popped());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WriteQueueTest);
