//
// OutboxTest.cpp
//

#include "loop/Outbox.h"
#include <cppunit/extensions/HelperMacros.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using feedhub::Outbox;

namespace
{

class SocketPair
    /// A connected pair of non-blocking stream sockets with small buffers, so
    /// a few hundred kilobytes fill them.
{
public:
    SocketPair()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, _fds) != 0)
            throw std::runtime_error("socketpair failed");
        const int small = 4096;
        for (int fd : _fds)
        {
            ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
            ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        }
    }

    ~SocketPair()
    {
        closePeer();
        ::close(_fds[0]);
    }

    int writer() const { return _fds[0]; }

    std::string readAvailable()
    {
        std::string bytes;
        char buffer[65536];
        ssize_t got;
        while ((got = ::recv(_fds[1], buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
            bytes.append(buffer, static_cast<std::size_t>(got));
        return bytes;
    }

    void closePeer()
    {
        if (_fds[1] >= 0)
            ::close(_fds[1]);
        _fds[1] = -1;
    }

private:
    int _fds[2];
};

std::string pattern(std::size_t size, char seed)
{
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(seed + i % 23);
    return bytes;
}

} // namespace

class OutboxTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(OutboxTest);
    CPPUNIT_TEST(testEmpty);
    CPPUNIT_TEST(testFlushWritesEverythingInOrder);
    CPPUNIT_TEST(testEmptyChunkIgnored);
    CPPUNIT_TEST(testSharedChunkIsNotCopied);
    CPPUNIT_TEST(testBlockedWhenPeerDoesNotRead);
    CPPUNIT_TEST(testPartialWritesResumeWhereTheyStopped);
    CPPUNIT_TEST(testManyChunksInOneFlush);
    CPPUNIT_TEST(testFailedWhenPeerClosed);
    CPPUNIT_TEST(testMeterCountsQueuedAndSentBytes);
    CPPUNIT_TEST(testMeterMovesAndForgetsWhatIsOwed);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEmpty()
    {
        Outbox outbox;
        SocketPair pair;
        CPPUNIT_ASSERT(outbox.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), outbox.pendingBytes());
        CPPUNIT_ASSERT(Outbox::Flush::DONE == outbox.flushTo(pair.writer()));
    }

    void testFlushWritesEverythingInOrder()
    {
        Outbox outbox;
        SocketPair pair;
        outbox.push(std::string("id: 1\n"));
        outbox.push(std::make_shared<const std::string>("data: x\n\n"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(15), outbox.pendingBytes());
        CPPUNIT_ASSERT(Outbox::Flush::DONE == outbox.flushTo(pair.writer()));
        CPPUNIT_ASSERT(outbox.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), outbox.pendingBytes());
        CPPUNIT_ASSERT_EQUAL(std::string("id: 1\ndata: x\n\n"), pair.readAvailable());
    }

    void testEmptyChunkIgnored()
    {
        Outbox outbox;
        outbox.push(std::string());
        CPPUNIT_ASSERT(outbox.empty());
    }

    void testSharedChunkIsNotCopied()
    {
        const Outbox::Chunk frame = std::make_shared<const std::string>("data: shared\n\n");
        Outbox first;
        Outbox second;
        first.push(frame);
        second.push(frame);
        CPPUNIT_ASSERT_EQUAL(3L, frame.use_count());
        SocketPair pair;
        CPPUNIT_ASSERT(Outbox::Flush::DONE == first.flushTo(pair.writer()));
        CPPUNIT_ASSERT_EQUAL(2L, frame.use_count());
    }

    void testBlockedWhenPeerDoesNotRead()
    {
        Outbox outbox;
        SocketPair pair;
        const std::string big = pattern(1 << 20, 'a');
        outbox.push(big);
        CPPUNIT_ASSERT(Outbox::Flush::BLOCKED == outbox.flushTo(pair.writer()));
        CPPUNIT_ASSERT(!outbox.empty());
        CPPUNIT_ASSERT(outbox.pendingBytes() > 0);
        CPPUNIT_ASSERT(outbox.pendingBytes() < big.size());
        const std::size_t pending = outbox.pendingBytes();
        CPPUNIT_ASSERT(Outbox::Flush::BLOCKED == outbox.flushTo(pair.writer()));
        CPPUNIT_ASSERT_EQUAL(pending, outbox.pendingBytes());
    }

    void testPartialWritesResumeWhereTheyStopped()
    {
        Outbox outbox;
        SocketPair pair;
        std::string expected;
        for (char seed : {'a', 'b', 'c', 'd'})
        {
            const std::string chunk = pattern(100000 + static_cast<std::size_t>(seed), seed);
            expected += chunk;
            outbox.push(chunk);
        }
        std::string received;
        int rounds = 0;
        Outbox::Flush result;
        while ((result = outbox.flushTo(pair.writer())) == Outbox::Flush::BLOCKED)
        {
            // What the outbox no longer owes is exactly what the peer can read.
            received += pair.readAvailable();
            CPPUNIT_ASSERT_EQUAL(expected.size() - outbox.pendingBytes(), received.size());
            ++rounds;
        }
        CPPUNIT_ASSERT(Outbox::Flush::DONE == result);
        received += pair.readAvailable();
        CPPUNIT_ASSERT(rounds > 4);
        CPPUNIT_ASSERT(outbox.empty());
        CPPUNIT_ASSERT(expected == received);
    }

    void testManyChunksInOneFlush()
    {
        // More chunks than one sendmsg takes.
        Outbox outbox;
        SocketPair pair;
        std::string expected;
        for (int i = 0; i < 200; ++i)
        {
            const std::string chunk = "data: " + std::to_string(i) + "\n\n";
            expected += chunk;
            outbox.push(chunk);
        }
        std::string received;
        while (outbox.flushTo(pair.writer()) == Outbox::Flush::BLOCKED)
            received += pair.readAvailable();
        received += pair.readAvailable();
        CPPUNIT_ASSERT_EQUAL(expected, received);
    }

    void testFailedWhenPeerClosed()
    {
        Outbox outbox;
        SocketPair pair;
        pair.closePeer();
        outbox.push(std::string("data: nobody\n\n"));
        CPPUNIT_ASSERT(Outbox::Flush::FAILED == outbox.flushTo(pair.writer()));
    }

    void testMeterCountsQueuedAndSentBytes()
    {
        Outbox::Meter meter;
        Outbox outbox;
        SocketPair pair;
        outbox.push(std::string("early"));
        outbox.setMeter(&meter);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), meter.queued.value());
        outbox.push(pattern(100000, 'a'));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(100005), meter.queued.value());
        CPPUNIT_ASSERT(Outbox::Flush::BLOCKED == outbox.flushTo(pair.writer()));
        const std::int64_t sent = meter.sent.value();
        CPPUNIT_ASSERT(sent > 0);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(100005) - sent, meter.queued.value());
        while (outbox.flushTo(pair.writer()) != Outbox::Flush::DONE)
            pair.readAvailable();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(100005), meter.sent.value());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), meter.queued.value());
    }

    void testMeterMovesAndForgetsWhatIsOwed()
    {
        Outbox::Meter first;
        Outbox::Meter second;
        {
            Outbox outbox;
            outbox.setMeter(&first);
            outbox.push(std::string("0123456789"));
            outbox.setMeter(&second);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), first.queued.value());
            CPPUNIT_ASSERT_EQUAL(std::int64_t(10), second.queued.value());
        }
        // A connection closed with bytes still owed owes them no more.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), second.queued.value());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), second.sent.value());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OutboxTest);
