// The bookkeeping of --connect-storm: how each first connection attempt is
// classified and counted. The storm runs against listeners of the test's own
// on the loopback, each connection scripted, so no server is needed.
#include "ConnectStormTest.h"

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include "BenchOptions.h"
#include "BenchShard.h"
#include "Clock.h"
#include "ConnectOutcomes.h"
#include "HttpTarget.h"

using namespace feedhub::bench;

namespace
{

HttpResponseHead headOf(int status, std::string contentType)
{
    HttpResponseHead head;
    head.status = status;
    head.headers.emplace_back("content-type", std::move(contentType));
    return head;
}

void testClassification(const CheckFunction& check)
{
    check(ConnectOutcomes::classifyHead(headOf(200, "text/event-stream")) == ConnectOutcome::Served,
          "a 200 event-stream head is served");
    check(ConnectOutcomes::classifyHead(headOf(200, "text/event-stream; charset=utf-8")) ==
              ConnectOutcome::Served,
          "an event-stream head with parameters is served");
    check(ConnectOutcomes::classifyHead(headOf(503, "application/json")) == ConnectOutcome::RefusedWithStatus,
          "a 503 head is a refusal with a status");
    check(ConnectOutcomes::classifyHead(headOf(200, "text/html")) == ConnectOutcome::RefusedWithStatus,
          "a 200 that is no event stream is not served");
    check(ConnectOutcomes::classifyHead(headOf(503, "text/event-stream")) ==
              ConnectOutcome::RefusedWithStatus,
          "an event-stream content type does not make a 503 served");
    check(ConnectOutcomes::classifyClose(true) == ConnectOutcome::ClosedWithoutResponse,
          "a close after the handshake and before any head is closed without a response");
    check(ConnectOutcomes::classifyClose(false) == ConnectOutcome::ConnectFailed,
          "a close before the handshake completed is a failed connect");
}

void testTally(const CheckFunction& check)
{
    ConnectOutcomes first;
    for (int i = 0; i < 5; ++i)
        first.enroll();
    first.noteAttempt(1000);
    first.noteAttempt(900); // the first attempt started the clock
    first.settle(ConnectOutcome::Served, 200, 5000);
    first.settle(ConnectOutcome::Served, 200, 4000);
    first.settle(ConnectOutcome::RefusedWithStatus, 503, 6000);
    first.settle(ConnectOutcome::ClosedWithoutResponse, 0, 7000);
    first.noteUnansweredWithoutHandshake();
    check(first.count(ConnectOutcome::Served) == 2 && first.count(ConnectOutcome::RefusedWithStatus) == 1 &&
              first.count(ConnectOutcome::ClosedWithoutResponse) == 1 &&
              first.count(ConnectOutcome::Pending) == 1 && first.pendingWithoutHandshake() == 1,
          "each settled subscriber leaves Pending for its outcome");
    check(first.firstAttemptMicros() == 1000 && first.lastAttemptMicros() == 1000 &&
              first.lastServedMicros() == 5000,
          "clock from the first attempt noted to the latest subscriber served");

    ConnectOutcomes second;
    second.enroll();
    second.enroll();
    second.noteAttempt(800);
    second.settle(ConnectOutcome::RefusedWithStatus, 503, 900);
    second.settle(ConnectOutcome::ConnectFailed, 0, 950);
    first.merge(second);
    check(first.count(ConnectOutcome::RefusedWithStatus) == 2 &&
              first.count(ConnectOutcome::ConnectFailed) == 1 && first.count(ConnectOutcome::Pending) == 1,
          "merged counts add up");
    check(first.refusedStatuses().size() == 1 && first.refusedStatuses().at(503) == 2,
          "refusals counted per status across loops");
    check(first.firstAttemptMicros() == 800 && first.lastServedMicros() == 5000,
          "merged clock: earliest attempt, latest served");
}

// Accepts `count` connections and, by the order they arrive in, serves the
// 1st, 5th, ... an event-stream head, refuses the 2nd, ... with a 503, closes
// the 3rd, ... without a word once their request is in, and leaves the 4th,
// ... unanswered. Holds the open ones until destroyed.
class ScriptedListener
{
public:
    explicit ScriptedListener(int count)
        : _socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64), _thread([this, count] { serve(count); })
    {
    }
    ~ScriptedListener()
    {
        _stop = true;
        _thread.join();
    }
    uint16_t port() const { return _socket.address().port(); }

private:
    void serve(int count)
    {
        for (int accepted = 0; accepted < count && !_stop;)
        {
            if (!_socket.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ))
                continue;
            Poco::Net::StreamSocket connection = _socket.acceptConnection();
            readRequest(connection);
            switch (accepted++ % 4)
            {
            case 0:
                send(connection, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: hello\n\n");
                _held.push_back(connection);
                break;
            case 1:
                send(connection, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: "
                                 "close\r\n\r\n");
                connection.close();
                break;
            case 2:
                connection.close();
                break;
            default:
                _held.push_back(connection);
            }
        }
        while (!_stop)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

    static void readRequest(Poco::Net::StreamSocket& connection)
    {
        std::string request;
        char buffer[1024];
        connection.setReceiveTimeout(Poco::Timespan(2, 0));
        while (request.find("\r\n\r\n") == std::string::npos)
        {
            const int received = connection.receiveBytes(buffer, sizeof(buffer));
            if (received <= 0)
                return;
            request.append(buffer, static_cast<size_t>(received));
        }
    }

    static void send(Poco::Net::StreamSocket& connection, const std::string& bytes)
    {
        connection.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    }

    Poco::Net::ServerSocket _socket;
    std::atomic<bool> _stop{false};
    std::vector<Poco::Net::StreamSocket> _held;
    std::thread _thread;
};

BenchOptions stormOptions()
{
    BenchOptions options;
    options.connectStorm = true;
    options.stormWaitSeconds = 1.5;
    options.events = 1;
    return options;
}

const ConnectOutcomes& storm(BenchShard& shard)
{
    shard.rampUp(monotonicMicros() + 10 * 1000000);
    return shard.census().outcomes();
}

void testScriptedStorm(const CheckFunction& check)
{
    const BenchOptions options = stormOptions();
    {
        ScriptedListener listener(40);
        const std::vector<HttpTarget> targets{HttpTarget::resolve("/events", "127.0.0.1", listener.port())};
        // A connect batch of 1 that the storm must not wait for.
        BenchShard shard(options, targets, 0, 1, 40, 1);
        const int64_t started = monotonicMicros();
        const ConnectOutcomes& outcomes = storm(shard);
        const int64_t took = monotonicMicros() - started;
        check(outcomes.count(ConnectOutcome::Served) == 10 && shard.connected() == 10,
              "storm: a quarter served, got " + std::to_string(outcomes.count(ConnectOutcome::Served)));
        check(outcomes.count(ConnectOutcome::RefusedWithStatus) == 10 &&
                  outcomes.refusedStatuses().at(503) == 10,
              "storm: a quarter refused with 503, got " +
                  std::to_string(outcomes.count(ConnectOutcome::RefusedWithStatus)));
        check(outcomes.count(ConnectOutcome::ClosedWithoutResponse) == 10,
              "storm: a quarter closed without a response, got " +
                  std::to_string(outcomes.count(ConnectOutcome::ClosedWithoutResponse)));
        check(outcomes.count(ConnectOutcome::Pending) == 10 && outcomes.pendingWithoutHandshake() == 0,
              "storm: a quarter never answered, after a handshake, got " +
                  std::to_string(outcomes.count(ConnectOutcome::Pending)));
        check(outcomes.count(ConnectOutcome::ConnectFailed) == 0, "storm: no failed connect");
        check(took >= 1400000 && took < 5000000,
              "storm: waits --storm-wait for the unanswered, took " + std::to_string(took / 1000) + " ms");
        check(outcomes.lastServedMicros() > outcomes.firstAttemptMicros(), "storm: time to the last served");
    }
    {
        // A port that was just released has no listener: every connect is refused.
        uint16_t closedPort = 0;
        {
            Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
            closedPort = probe.address().port();
        }
        const std::vector<HttpTarget> targets{HttpTarget::resolve("/events", "127.0.0.1", closedPort)};
        BenchShard shard(options, targets, 0, 1, 5, 100);
        const ConnectOutcomes& outcomes = storm(shard);
        check(outcomes.count(ConnectOutcome::ConnectFailed) == 5 && outcomes.lastServedMicros() == 0,
              "storm: refused connects counted as failed, once each, got " +
                  std::to_string(outcomes.count(ConnectOutcome::ConnectFailed)));
    }
    {
        // A listener that never accepts: past its backlog, SYNs are dropped.
        Poco::Net::ServerSocket idle(Poco::Net::SocketAddress("127.0.0.1", 0), 1);
        const std::vector<HttpTarget> targets{
            HttpTarget::resolve("/events", "127.0.0.1", idle.address().port())};
        BenchShard shard(options, targets, 0, 1, 8, 100);
        const ConnectOutcomes& outcomes = storm(shard);
        check(outcomes.count(ConnectOutcome::Pending) == 8 && outcomes.pendingWithoutHandshake() >= 4,
              "storm: connects a full backlog dropped are never answered, without a handshake, got " +
                  std::to_string(outcomes.pendingWithoutHandshake()) + " of " +
                  std::to_string(outcomes.count(ConnectOutcome::Pending)));
    }
}

} // namespace

void testConnectOutcomes(const CheckFunction& check)
{
    testClassification(check);
    testTally(check);
}

void testConnectStorm(const CheckFunction& check)
{
    testScriptedStorm(check);
}
