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
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

class RecordingConnection : public LoopConnection
    /// Echoes what it receives, and as an event stream sends the data of each
    /// event on topic "t"; notes each completed write in a log the loop thread
    /// keeps: 's' for an event stream, 'r' for a connection answering requests.
{
public:
    RecordingConnection(Poco::Net::StreamSocket socket, Transport transport, std::string& log)
        : LoopConnection(std::move(socket), feedhub::ConnectionLimit::Slot(), transport), _log(log)
    {
    }

    void opened() override
    {
        if (transport() == Transport::SSE)
            loop().watch(*this, {"t"});
    }

    void eventPublished(const EventPtr& event) override { send(event->data()); }

    void received(const char* data, std::size_t length) override { send(std::string(data, length)); }

    void written() override
    {
        _log += transport() == Transport::SSE ? 's' : 'r';
        if (_afterNextWrite)
            std::exchange(_afterNextWrite, nullptr)();
    }

    void send(const std::string& bytes)
    {
        outbox().push(bytes);
        loop().flush(*this);
    }

    void afterNextWrite(std::function<void()> action) { _afterNextWrite = std::move(action); }
        /// Runs action on the loop thread once the next write is done.

private:
    std::string& _log;
    std::function<void()> _afterNextWrite;
};

// More event streams than a loop writes in one round.
constexpr std::size_t MANY_STREAMS = 300;

} // namespace

class EventLoopTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(EventLoopTest);
    CPPUNIT_TEST(testConnectionThrowingOnInputIsClosedAndOthersGoOn);
    CPPUNIT_TEST(testConnectionThrowingOnAnEventIsClosedAndOthersGetIt);
    CPPUNIT_TEST(testEventPublishedOnTheLoopThreadGoesOutBeforeItWaits);
    CPPUNIT_TEST(testEventsFromTheLoopAndAnotherThreadKeepTheBusOrder);
    CPPUNIT_TEST(testAFanOutOverSeveralRoundsDeliversEveryEventInOrder);
    CPPUNIT_TEST(testAReplyIsNotHeldBehindAFanOut);
    CPPUNIT_TEST(testAStreamClosedWhileOwedAWriteIsDroppedFromTheFanOut);
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

    void testAFanOutOverSeveralRoundsDeliversEveryEventInOrder()
    {
        std::vector<Poco::Net::StreamSocket> clients = streams(MANY_STREAMS);
        for (const char* data : {"1", "2", "3", "4", "5"})
            _bus->publish({{"t", "message", data}});
        for (Poco::Net::StreamSocket& client : clients)
            CPPUNIT_ASSERT_EQUAL(std::string("12345"), receive(client, 5));
    }

    void testAReplyIsNotHeldBehindAFanOut()
    {
        std::vector<Poco::Net::StreamSocket> clients = streams(MANY_STREAMS);
        RecordingConnection* reply = nullptr;
        Poco::Net::StreamSocket replyClient = open(LoopConnection::Transport::HTTP, &reply);
        // While the fan-out is under way, the reply connection has something to send.
        _loop->post([&] {
            _log.clear();
            _opened.front()->afterNextWrite([&] { _loop->post([&] { reply->send("answer"); }); });
            _bus->publish({{"t", "message", "e"}});
        });
        for (Poco::Net::StreamSocket& client : clients)
            CPPUNIT_ASSERT_EQUAL(std::string("e"), receive(client, 1));
        CPPUNIT_ASSERT_EQUAL(std::string("answer"), receive(replyClient, 6));
        const std::string log = onLoop<std::string>([&] { return _log; });
        CPPUNIT_ASSERT_EQUAL(MANY_STREAMS + 1, log.size());
        // The answer went out before the streams queued ahead of it were all written.
        CPPUNIT_ASSERT(log.find('r') < log.size() - 1);
    }

    void testAStreamClosedWhileOwedAWriteIsDroppedFromTheFanOut()
    {
        std::vector<Poco::Net::StreamSocket> clients = streams(MANY_STREAMS);
        // The first stream written closes the last, which is still owed the event.
        _loop->post([&] {
            _opened.front()->afterNextWrite([&] { _loop->close(*_opened.back()); });
            _bus->publish({{"t", "message", "e"}});
        });
        for (std::size_t i = 0; i + 1 < clients.size(); ++i)
            CPPUNIT_ASSERT_EQUAL(std::string("e"), receive(clients[i], 1));
        CPPUNIT_ASSERT_EQUAL(std::string(), receive(clients.back()));
    }

private:
    std::vector<Poco::Net::StreamSocket> streams(std::size_t count)
        /// count event streams watching "t", opened in order into _opened.
    {
        std::vector<Poco::Net::StreamSocket> clients;
        for (std::size_t i = 0; i < count; ++i)
        {
            RecordingConnection* connection = nullptr;
            clients.push_back(open(LoopConnection::Transport::SSE, &connection));
            _opened.push_back(connection);
        }
        return clients;
    }

    Poco::Net::StreamSocket open(LoopConnection::Transport transport, RecordingConnection** opened)
        /// A recording connection, once the loop has opened it (its echo proves it).
    {
        Poco::Net::StreamSocket client(_listener.address());
        auto connection = std::make_unique<RecordingConnection>(_listener.acceptConnection(), transport, _log);
        *opened = connection.get();
        _loop->adopt(std::move(connection));
        client.setReceiveTimeout(Poco::Timespan(5, 0));
        client.sendBytes("+", 1);
        CPPUNIT_ASSERT_EQUAL(std::string("+"), receive(client));
        return client;
    }

    template <typename Result> Result onLoop(std::function<Result()> work)
        /// What work returns, run on the loop thread.
    {
        Result result;
        Poco::Event done;
        _loop->post([&] {
            result = work();
            done.set();
        });
        done.wait();
        return result;
    }

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
    std::string _log;
        /// The recording connections' writes; the loop thread's.
    std::vector<RecordingConnection*> _opened;
        /// The event streams the loop serves, in the order they were opened.
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventLoopTest);
