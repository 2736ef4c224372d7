//
// EventLoopTest.cpp
//

#include "feedhub/EventLoop.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/StreamSocket.h"
#include "feedhub/InProcessBus.h"
#include "feedhub/LoopConnection.h"
#include <cppunit/extensions/HelperMacros.h>
#include <stdexcept>

using feedhub::EventLoop;
using feedhub::EventPtr;
using feedhub::LoopConnection;

namespace
{

class ScriptedConnection : public LoopConnection
    /// Echoes what it receives and sends "event" for each event on topic
    /// "t", or throws from either if told to.
{
public:
    ScriptedConnection(Poco::Net::StreamSocket socket, bool throws)
        : LoopConnection(std::move(socket), feedhub::ConnectionLimit::Slot()), _throws(throws)
    {
    }

    void opened() override { loop().watch(*this, {"t"}); }

    void eventPublished(const EventPtr&) override { send("event"); }

    void received(const char* data, std::size_t length) override { send(std::string(data, length)); }

private:
    void send(const std::string& bytes)
    {
        if (_throws)
            throw std::runtime_error("a bug in a connection");
        outbox().push(bytes);
        loop().flush(*this);
    }

    bool _throws;
};

} // namespace

class EventLoopTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EventLoopTest);
    CPPUNIT_TEST(testConnectionThrowingOnInputIsClosedAndOthersGoOn);
    CPPUNIT_TEST(testConnectionThrowingOnAnEventIsClosedAndOthersGetIt);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        _bus = std::make_unique<feedhub::InProcessBus>(feedhub::InProcessBus::Limits());
        _loop = std::make_unique<EventLoop>(*_bus, Poco::Timespan(0), "test-loop");
        _loop->start();
        _listener.bind(Poco::Net::SocketAddress("127.0.0.1", 0));
        _listener.listen();
    }

    void tearDown() override
    {
        _loop->stop();
        _loop.reset();
        _bus.reset();
    }

    void testConnectionThrowingOnInputIsClosedAndOthersGoOn()
    {
        Poco::Net::StreamSocket faulty = connect(true);
        Poco::Net::StreamSocket healthy = connect(false);

        faulty.sendBytes("x", 1);
        CPPUNIT_ASSERT_EQUAL(std::string(), receive(faulty));

        healthy.sendBytes("hello", 5);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), receive(healthy));
    }

    void testConnectionThrowingOnAnEventIsClosedAndOthersGetIt()
    {
        Poco::Net::StreamSocket faulty = connect(true);
        Poco::Net::StreamSocket healthy = connect(false);
        // Both watch "t" once opened; an echo proves the healthy one is.
        healthy.sendBytes("ready", 5);
        CPPUNIT_ASSERT_EQUAL(std::string("ready"), receive(healthy));

        _bus->publish({{"t", "message", "data"}});
        CPPUNIT_ASSERT_EQUAL(std::string(), receive(faulty));
        CPPUNIT_ASSERT_EQUAL(std::string("event"), receive(healthy));
    }

private:
    Poco::Net::StreamSocket connect(bool throws)
    {
        Poco::Net::StreamSocket client(_listener.address());
        _loop->adopt(std::make_unique<ScriptedConnection>(_listener.acceptConnection(), throws));
        client.setReceiveTimeout(Poco::Timespan(5, 0));
        return client;
    }

    static std::string receive(Poco::Net::StreamSocket& socket)
        /// What arrives next: "" if the loop closed the connection.
    {
        char buffer[64];
        const int got = socket.receiveBytes(buffer, sizeof buffer);
        return std::string(buffer, static_cast<std::size_t>(got));
    }

    std::unique_ptr<feedhub::InProcessBus> _bus;
    std::unique_ptr<EventLoop> _loop;
    Poco::Net::ServerSocket _listener;
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventLoopTest);
