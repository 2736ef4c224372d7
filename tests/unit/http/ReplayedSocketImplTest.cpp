//
// ReplayedSocketImplTest.cpp
//

#include "http/ReplayedSocketImpl.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/StreamSocket.h"
#include <cppunit/extensions/HelperMacros.h>
#include <unistd.h>

using feedhub::ReplayedSocketImpl;

class ReplayedSocketImplTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReplayedSocketImplTest);
    CPPUNIT_TEST(testReplaysThenReadsTheSocket);
    CPPUNIT_TEST(testPollSeesReplayedBytes);
    CPPUNIT_TEST(testPeekLeavesBytes);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _server = Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0));
        _client.connect(_server.address());
        Poco::Net::StreamSocket accepted = _server.acceptConnection();
        // The replaying socket owns a duplicate, as WorkerHandoff gives it.
        _replayed =
            Poco::Net::StreamSocket(new ReplayedSocketImpl(::dup(accepted.impl()->sockfd()), "GET / HTTP"));
    }

    void testReplaysThenReadsTheSocket()
    {
        _client.sendBytes("/1.1\r\n", 6);
        char buffer[64];
        int got = _replayed.receiveBytes(buffer, 4);
        CPPUNIT_ASSERT_EQUAL(std::string("GET "), std::string(buffer, static_cast<std::size_t>(got)));
        got = _replayed.receiveBytes(buffer, sizeof buffer);
        CPPUNIT_ASSERT_EQUAL(std::string("/ HTTP"), std::string(buffer, static_cast<std::size_t>(got)));
        got = _replayed.receiveBytes(buffer, sizeof buffer);
        CPPUNIT_ASSERT_EQUAL(std::string("/1.1\r\n"), std::string(buffer, static_cast<std::size_t>(got)));
    }

    void testPollSeesReplayedBytes()
    {
        CPPUNIT_ASSERT(_replayed.poll(Poco::Timespan(0, 0), Poco::Net::Socket::SELECT_READ));
        CPPUNIT_ASSERT_EQUAL(10, _replayed.available());
        char buffer[64];
        _replayed.receiveBytes(buffer, sizeof buffer);
        CPPUNIT_ASSERT(!_replayed.poll(Poco::Timespan(0, 1000), Poco::Net::Socket::SELECT_READ));
        _client.sendBytes("x", 1);
        CPPUNIT_ASSERT(_replayed.poll(Poco::Timespan(1, 0), Poco::Net::Socket::SELECT_READ));
    }

    void testPeekLeavesBytes()
    {
        char buffer[64];
        int got = _replayed.receiveBytes(buffer, sizeof buffer, MSG_PEEK);
        CPPUNIT_ASSERT_EQUAL(10, got);
        got = _replayed.receiveBytes(buffer, sizeof buffer);
        CPPUNIT_ASSERT_EQUAL(std::string("GET / HTTP"), std::string(buffer, static_cast<std::size_t>(got)));
    }

private:
    Poco::Net::ServerSocket _server;
    Poco::Net::StreamSocket _client;
    Poco::Net::StreamSocket _replayed;
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReplayedSocketImplTest);
