//
// EventLoopTest.cpp
//

#include "loop/EventLoop.h"
#include "Poco/Event.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/StreamSocket.h"
#include "bus/InProcessBus.h"
#include "loop/LoopConnection.h"
#include <cppunit/extensions/HelperMacros.h>
#include <stdexcept>

using feedhub::EventLoop;
using feedhub::EventPtr;
using feedhub::LoopConnection;

namespace
{

class ScriptedConnection : public LoopConnection
    /// Echoes what it receives and sends the data of each event on topic
    /// "t", or throws from either if told to.
{
public:
    ScriptedConnection(Poco::Net::StreamSocket socket, bool throws)
        : LoopConnection(std::move(socket), feedhub::ConnectionLimit::Slot()), _throws(throws)
    {
    }

    void opened() override { loop().watch(*this, {"t"}); }

    void eventPublished(const EventPtr& event) override { send(event->data()); }

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
    CPPUNIT_TEST(testEventPublishedOnTheLoopThreadGoesOutBeforeItWaits);
    CPPUNIT_TEST(testEventsFromTheLoopAndAnotherThreadKeepTheBusOrder);
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
        // Opened after the faulty one, so both watch "t" once it answers.
        Poco::Net::StreamSocket healthy = watching();

        _bus->publish({{"t", "message", "data"}});
        CPPUNIT_ASSERT_EQUAL(std::string(), receive(faulty));
        CPPUNIT_ASSERT_EQUAL(std::string("data"), receive(healthy));
    }

    void testEventPublishedOnTheLoopThreadGoesOutBeforeItWaits()
    {
        // No heartbeats and no deadlines: the loop's next wait would last a minute.
        Poco::Net::StreamSocket watcher = watching();
        _loop->post([this] { _bus->publish({{"t", "message", "from the loop"}}); });
        CPPUNIT_ASSERT_EQUAL(std::string("from the loop"), receive(watcher, 13));
    }

    void testEventsFromTheLoopAndAnotherThreadKeepTheBusOrder()
    {
        Poco::Net::StreamSocket watcher = watching();
        Poco::Event loopTaskRunning;
        Poco::Event firstPublished;
        // The first event is published here while the loop runs a task; the
        // task then publishes the second from the loop's own thread.
        _loop->post([&] {
            loopTaskRunning.set();
            firstPublished.wait();
            _bus->publish({{"t", "message", "second"}});
        });
        loopTaskRunning.wait();
        _bus->publish({{"t", "message", "first"}});
        firstPublished.set();
        CPPUNIT_ASSERT_EQUAL(std::string("firstsecond"), receive(watcher, 11));
    }

private:
    Poco::Net::StreamSocket connect(bool throws)
    {
        Poco::Net::StreamSocket client(_listener.address());
        _loop->adopt(std::make_unique<ScriptedConnection>(_listener.acceptConnection(), throws));
        client.setReceiveTimeout(Poco::Timespan(5, 0));
        return client;
    }

    Poco::Net::StreamSocket watching()
        /// A connection that watches "t" once opened; its echo proves it does.
    {
        Poco::Net::StreamSocket client = connect(false);
        client.sendBytes("ready", 5);
        CPPUNIT_ASSERT_EQUAL(std::string("ready"), receive(client));
        return client;
    }

    static std::string receive(Poco::Net::StreamSocket& socket)
        /// What arrives next: "" if the loop closed the connection.
    {
        char buffer[64];
        const int got = socket.receiveBytes(buffer, sizeof buffer);
        return std::string(buffer, static_cast<std::size_t>(got));
    }

    static std::string receive(Poco::Net::StreamSocket& socket, std::size_t length)
        /// The next length bytes, however the loop split them; fewer if it closed.
    {
        std::string received;
        while (received.size() < length)
        {
            const std::string more = receive(socket);
            if (more.empty())
                break;
            received += more;
        }
        return received;
    }

    std::unique_ptr<feedhub::InProcessBus> _bus;
    std::unique_ptr<EventLoop> _loop;
    Poco::Net::ServerSocket _listener;
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventLoopTest);
