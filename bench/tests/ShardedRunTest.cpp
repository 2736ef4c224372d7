// Whole runs of the tool (BenchRun) with subscribers split over several event
// loop threads, against a tiny in-process hub: every event must reach every
// subscriber exactly once, and the merged tallies must add up. The same with
// the subscribers spread over two nodes sharing one stream (--ports).
#include "ShardedRunTest.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include "BenchRun.h"
#include "LatencyHistogram.h"

using namespace feedhub::bench;

namespace
{

// The events published so far (raw bodies, which are bench payloads: JSON
// objects) and the waits for the next one.
struct MiniHubState
{
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<std::string> events;
    bool stopping = false;

    size_t count()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return events.size();
    }

    // Waits up to timeoutMillis for more than `known` events; the count.
    size_t waitBeyond(size_t known, int timeoutMillis)
    {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait_for(lock, std::chrono::milliseconds(timeoutMillis),
                         [&] { return stopping || events.size() > known; });
        return events.size();
    }
};

// POST /publish (raw body), GET /events (SSE, from the next event on) and
// GET /poll?since=N&timeout=S (feedhub's long-poll dialect, cursor = count).
class MiniHubHandler : public Poco::Net::HTTPRequestHandler
{
public:
    MiniHubHandler(MiniHubState& state, std::atomic<int>& streamsServed)
        : _state(state), _streamsServed(streamsServed)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override
    {
        const Poco::URI uri(request.getURI());
        if (uri.getPath() == "/publish")
            publish(request, response);
        else if (uri.getPath() == "/events")
            stream(response);
        else
            poll(uri, response);
    }

private:
    void publish(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
    {
        std::string body(static_cast<size_t>(request.getContentLength()), '\0');
        request.stream().read(body.data(), static_cast<std::streamsize>(body.size()));
        {
            std::lock_guard<std::mutex> lock(_state.mutex);
            _state.events.push_back(body);
        }
        _state.changed.notify_all();
        response.setContentLength(0);
        response.send();
    }

    void stream(Poco::Net::HTTPServerResponse& response)
    {
        ++_streamsServed;
        size_t sent = _state.count(); // from the next event on, as the hub does
        response.setContentType("text/event-stream");
        response.setChunkedTransferEncoding(true);
        std::ostream& out = response.send();
        out.flush();
        while (out.good())
        {
            const size_t available = _state.waitBeyond(sent, 50);
            std::lock_guard<std::mutex> lock(_state.mutex);
            if (_state.stopping)
                return;
            for (; sent < available; ++sent)
                out << "data: " << _state.events[sent] << "\n\n";
            out.flush();
        }
    }

    void poll(const Poco::URI& uri, Poco::Net::HTTPServerResponse& response)
    {
        size_t since = std::numeric_limits<size_t>::max();
        int timeoutSeconds = 0;
        for (const auto& [name, value] : uri.getQueryParameters())
        {
            if (name == "since")
                since = std::stoul(value);
            else if (name == "timeout")
                timeoutSeconds = std::stoi(value);
        }
        const size_t available = since == std::numeric_limits<size_t>::max()
                                     ? _state.count()
                                     : _state.waitBeyond(since, timeoutSeconds * 1000);
        if (since == std::numeric_limits<size_t>::max())
            since = available > 0 ? available - 1 : 0; // the newest event, as the hub does
        std::string body;
        if (available > since)
        {
            std::lock_guard<std::mutex> lock(_state.mutex);
            body = "{\"events\":[";
            for (size_t i = since; i < available; ++i)
                body += (i > since ? ",{\"data\":" : "{\"data\":") + _state.events[i] + "}";
            body += "],\"cursor\":\"" + std::to_string(available) + "\",\"truncated\":false}";
        }
        response.setStatus(body.empty() ? Poco::Net::HTTPResponse::HTTP_NO_CONTENT
                                        : Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentType("application/json");
        response.sendBuffer(body.data(), body.size());
    }

    MiniHubState& _state;
    std::atomic<int>& _streamsServed;
};

class MiniHubFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    MiniHubFactory(MiniHubState& state, std::atomic<int>& streamsServed)
        : _state(state), _streamsServed(streamsServed)
    {
    }
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new MiniHubHandler(_state, _streamsServed);
    }

private:
    MiniHubState& _state;
    std::atomic<int>& _streamsServed;
};

// A thread per connection: room for every subscriber and publisher connection.
// Hubs given the same state are nodes of one hub: an event published on one
// reaches the streams of all.
class MiniHub
{
public:
    explicit MiniHub(MiniHubState& state)
        : _state(state), _socket(Poco::Net::SocketAddress("127.0.0.1", 0)), _pool(2, 160),
          _server(new MiniHubFactory(_state, _streamsServed), _pool, _socket, makeParams())
    {
        _server.start();
    }
    ~MiniHub()
    {
        {
            std::lock_guard<std::mutex> lock(_state.mutex);
            _state.stopping = true;
        }
        _state.changed.notify_all();
        _server.stopAll(true);
        _pool.joinAll();
    }

    uint16_t port() const { return _socket.address().port(); }
    int streamsServed() const { return _streamsServed; }

private:
    static Poco::Net::HTTPServerParams::Ptr makeParams()
    {
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(150);
        params->setKeepAliveTimeout(Poco::Timespan(30, 0));
        return params;
    }

    MiniHubState& _state;
    std::atomic<int> _streamsServed{0};
    Poco::Net::ServerSocket _socket;
    Poco::ThreadPool _pool;
    Poco::Net::HTTPServer _server;
};

void checkShardedRun(const CheckFunction& check, SubscribeMode mode, int threads, int subscribers)
{
    MiniHubState state;
    MiniHub hub(state);
    BenchOptions options;
    options.mode = mode;
    options.port = hub.port();
    options.subscribeUrl = mode == SubscribeMode::Sse ? "/events?topic=bench" : "/poll?topic=bench";
    options.publishUrl = "/publish";
    options.publishFormat = PublishFormat::RawBody;
    options.subscribers = subscribers;
    options.events = 25;
    options.eventsPerSecond = 100;
    options.connectBatch = 7;
    options.settleSeconds = 0.2;
    options.drainTimeoutSeconds = 3;
    options.durationLimitSeconds = 30;
    options.threads = threads;

    BenchRun run(options);
    const BenchResult result = run.execute();
    const std::string label = std::string(" (") + modeName(mode) + ", " + std::to_string(threads) +
                              " threads, " + std::to_string(subscribers) + " subscribers)";
    const uint64_t expected = static_cast<uint64_t>(subscribers) * options.events;
    check(result.threads == static_cast<size_t>(threads), "run split over the threads asked for" + label);
    check(result.connected == static_cast<size_t>(subscribers) && result.lostConnections == 0,
          "every subscriber connected and stayed, got " + std::to_string(result.connected) + label);
    check(result.eventsPublished == options.events && result.publishFailures == 0,
          "every event published" + label);
    check(result.deliveries == expected && result.expectedDeliveries == expected && result.missed == 0,
          "every event delivered to every subscriber, got " + std::to_string(result.deliveries) + " of " +
              std::to_string(expected) + ", missed " + std::to_string(result.missed) + label);
    check(result.duplicates == 0 && result.foreignEvents == 0, "no duplicate or foreign event" + label);
    check(result.p50Micros > 0 && result.p99Micros >= result.p50Micros &&
              result.maxMicros >= result.p99Micros,
          "merged latency percentiles ordered" + label);
    check(result.activeSeconds > 0 && result.deliveriesPerSecond > 0,
          "throughput from merged tallies" + label);
    check(result.benchCpuPercent > 0 && result.loopCpuMaxPercent > 0, "tool CPU measured" + label);
    if (mode == SubscribeMode::Poll)
    {
        check(result.poll.cycles >= static_cast<uint64_t>(subscribers) && result.poll.errors == 0,
              "poll cycles from every shard, got " + std::to_string(result.poll.cycles) + label);
    }
}

// 21 SSE subscribers over two nodes, on two loop threads (11 and 10): the
// run's subscribers alternate between the nodes across the threads' shares,
// publishes go to the first node only, and each subscriber gets every event.
void checkTwoNodeRun(const CheckFunction& check)
{
    MiniHubState state;
    MiniHub first(state);
    MiniHub second(state);
    BenchOptions options;
    options.port = first.port();
    options.subscribePorts = {first.port(), second.port()};
    options.subscribeUrl = "/events?topic=bench";
    options.publishUrl = "/publish";
    options.publishFormat = PublishFormat::RawBody;
    options.subscribers = 21;
    options.events = 20;
    options.eventsPerSecond = 100;
    options.connectBatch = 7;
    options.settleSeconds = 0.2;
    options.drainTimeoutSeconds = 3;
    options.durationLimitSeconds = 30;
    options.threads = 2;

    BenchRun run(options);
    const BenchResult result = run.execute();
    check(first.streamsServed() == 11 && second.streamsServed() == 10,
          "--ports spreads the subscribers round robin, got " + std::to_string(first.streamsServed()) + " and " +
              std::to_string(second.streamsServed()));
    const uint64_t expected = 21 * options.events;
    check(result.connected == 21 && result.deliveries == expected && result.missed == 0 &&
              result.duplicates == 0,
          "every event published on the first node reaches every subscriber of both, got " +
              std::to_string(result.deliveries) + " of " + std::to_string(expected));
}

void testHistogramMerge(const CheckFunction& check)
{
    LatencyHistogram all, low, high;
    for (int64_t micros = 1; micros <= 1000; ++micros)
    {
        all.record(micros * 37);
        (micros % 3 == 0 ? low : high).record(micros * 37);
    }
    low.merge(high);
    check(low.count() == all.count() && low.maxMicros() == all.maxMicros() &&
              low.quantileMicros(0.5) == all.quantileMicros(0.5) &&
              low.quantileMicros(0.99) == all.quantileMicros(0.99),
          "merged histograms give the percentiles of one histogram of everything");
}

} // namespace

void testShardedRuns(const CheckFunction& check)
{
    std::signal(SIGPIPE, SIG_IGN);
    testHistogramMerge(check);
    checkShardedRun(check, SubscribeMode::Sse, 1, 20);
    checkShardedRun(check, SubscribeMode::Sse, 2, 41);
    checkShardedRun(check, SubscribeMode::Poll, 3, 40);
    checkTwoNodeRun(check);
}
