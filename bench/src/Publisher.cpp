#include "Publisher.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>

#include <Poco/Exception.h>
#include <Poco/JSONString.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "BenchPayload.h"
#include "Clock.h"

namespace feedhub::bench
{

namespace
{

// Upper bound of one sleep while pacing, so a stop request is noticed quickly
// even at very low rates.
constexpr int64_t kMaxSleepMicros = 100 * 1000;

// Connections of a paced run: room for 10 events/s answered 3 s late. Nchan
// answers a publish after its fan-out, 0.8-1.3 s at 10,000 subscribers with
// the server on a core of its own; with 8 connections it was sent 9.1-9.6
// events/s instead of 10.
constexpr uint64_t kPacedConnections = 32;

// Keeps the larger of the stored value and `value`.
void storeMax(std::atomic<int64_t>& target, int64_t value)
{
    int64_t current = target.load();
    while (current < value && !target.compare_exchange_weak(current, value))
    {
    }
}

} // namespace

Publisher::Publisher(std::vector<HttpTarget> targets, PublishPlan plan)
    : _targets(std::move(targets)), _plan(std::move(plan)), _published(_plan.events)
{
}

Publisher::~Publisher()
{
    requestStop();
    join();
}

void Publisher::start()
{
    const uint64_t connections =
        _plan.eventsPerSecond > 0 ? std::clamp<uint64_t>(_plan.events, 1, kPacedConnections) : 1;
    _pacingStartMicros = monotonicMicros();
    _running = connections;
    for (uint64_t i = 0; i < connections; ++i)
        _threads.emplace_back([this, &target = _targets[i % _targets.size()]] { runConnection(target); });
}

void Publisher::join()
{
    for (std::thread& thread : _threads)
    {
        if (thread.joinable())
            thread.join();
    }
}

double Publisher::sendRate() const
{
    const int64_t span = _lastSendMicros - _firstSendMicros;
    if (_sentCount < 2 || span <= 0)
        return 0;
    return static_cast<double>(_sentCount - 1) * 1e6 / static_cast<double>(span);
}

std::string Publisher::requestBody(uint64_t sequence) const
{
    // Stamped as late as possible: the latency measured starts here.
    const std::string payload =
        formatBenchPayload({realtimeMicros(), sequence, _plan.runId}, _plan.payloadBytes);
    if (_plan.format == PublishFormat::RawBody)
        return payload;
    if (_plan.format == PublishFormat::Chat)
        return "{\"user\":\"bench-poster\",\"text\":" + Poco::toJSON(payload) + "}";
    return "{\"topic\":" + Poco::toJSON(_plan.topic) + ",\"type\":\"tick\",\"data\":" + payload + "}";
}

// Returns false if a stop was requested before the due time.
bool Publisher::sleepUntil(int64_t dueMonotonicMicros) const
{
    for (int64_t wait = dueMonotonicMicros - monotonicMicros(); wait > 0 && !_stopRequested;
         wait = dueMonotonicMicros - monotonicMicros())
        std::this_thread::sleep_for(std::chrono::microseconds(std::min(wait, kMaxSleepMicros)));
    return !_stopRequested;
}

// One connection: takes the next event number, waits for its due time when
// paced, publishes it and waits for the answer, until every event is taken.
// Several of these share the sequence, so the next event is sent on time by
// whichever connection is free while the others still wait for answers.
void Publisher::runConnection(const HttpTarget& target)
{
    Poco::Net::HTTPClientSession session(target.host, target.port);
    session.setKeepAlive(true);
    session.setTimeout(Poco::Timespan(10, 0));
    const bool paced = _plan.eventsPerSecond > 0;
    while (!_stopRequested)
    {
        const uint64_t sequence = _nextSequence++;
        if (sequence >= _plan.events)
            break;
        if (paced)
        {
            const int64_t due = _pacingStartMicros + static_cast<int64_t>(static_cast<double>(sequence) *
                                                                          1e6 / _plan.eventsPerSecond);
            if (!sleepUntil(due))
                break;
            const int64_t now = monotonicMicros();
            if (now - due > kLateMicros)
                ++_latePublishes;
            recordSend(now);
        }
        else
        {
            recordSend(monotonicMicros());
        }
        publishOne(session, target.pathAndQuery, sequence);
    }
    if (--_running == 0)
        _finished = true;
}

void Publisher::recordSend(int64_t sentMonotonicMicros)
{
    int64_t unset = 0;
    _firstSendMicros.compare_exchange_strong(unset, sentMonotonicMicros);
    storeMax(_lastSendMicros, sentMonotonicMicros);
    ++_sentCount;
}

void Publisher::publishOne(Poco::Net::HTTPClientSession& session, const std::string& path, uint64_t sequence)
{
    try
    {
        int64_t unset = 0;
        _firstPublishMicros.compare_exchange_strong(unset, realtimeMicros());
        const std::string body = requestBody(sequence);

        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType(_plan.format == PublishFormat::RawBody ? "text/plain" : "application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.setKeepAlive(true);
        session.sendRequest(request) << body;

        Poco::Net::HTTPResponse response;
        session.receiveResponse(response).ignore(std::numeric_limits<std::streamsize>::max());
        if (response.getStatus() / 100 != 2)
        {
            recordFailure("HTTP " + std::to_string(response.getStatus()) + " " + response.getReason());
            return;
        }
        const int64_t acknowledged = realtimeMicros();
        std::lock_guard<std::mutex> lock(_mutex);
        _published.insert(sequence);
        _lastAcknowledgedMicros = std::max(_lastAcknowledgedMicros, acknowledged);
        ++_publishedCount;
    }
    catch (const Poco::Exception& error)
    {
        recordFailure(error.displayText());
        session.reset();
    }
}

void Publisher::recordFailure(std::string error)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_failures;
    _lastError = std::move(error);
}

} // namespace feedhub::bench
