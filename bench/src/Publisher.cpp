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

} // namespace

Publisher::Publisher(const HttpTarget& target, PublishPlan plan)
    : _target(target), _plan(std::move(plan)), _published(_plan.events)
{
}

Publisher::~Publisher()
{
    requestStop();
    join();
}

void Publisher::start()
{
    _thread = std::thread([this] { run(); });
}

void Publisher::join()
{
    if (_thread.joinable())
        _thread.join();
}

std::string Publisher::requestBody(uint64_t sequence) const
{
    // Stamped as late as possible: the latency measured starts here.
    const std::string payload =
        formatBenchPayload({realtimeMicros(), sequence, _plan.runId}, _plan.payloadBytes);
    if (_plan.format == PublishFormat::RawBody)
        return payload;
    return "{\"topic\":" + Poco::toJSON(_plan.topic) + ",\"type\":\"tick\",\"data\":" + payload + "}";
}

void Publisher::run()
{
    Poco::Net::HTTPClientSession session(_target.host, _target.port);
    session.setKeepAlive(true);
    session.setTimeout(Poco::Timespan(10, 0));
    const int64_t pacingStart = monotonicMicros();
    for (uint64_t sequence = 0; sequence < _plan.events && !_stopRequested; ++sequence)
    {
        if (_plan.eventsPerSecond > 0)
        {
            const int64_t due = pacingStart + static_cast<int64_t>(static_cast<double>(sequence) * 1e6 /
                                                                   _plan.eventsPerSecond);
            for (int64_t wait = due - monotonicMicros(); wait > 0 && !_stopRequested;
                 wait = due - monotonicMicros())
                std::this_thread::sleep_for(std::chrono::microseconds(std::min(wait, kMaxSleepMicros)));
            if (_stopRequested)
                break;
        }
        try
        {
            int64_t unset = 0;
            _firstPublishMicros.compare_exchange_strong(unset, realtimeMicros());
            const std::string body = requestBody(sequence);

            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, _target.pathAndQuery,
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType(_plan.format == PublishFormat::HubJson ? "application/json"
                                                                          : "text/plain");
            request.setContentLength(static_cast<std::streamsize>(body.size()));
            request.setKeepAlive(true);
            session.sendRequest(request) << body;

            Poco::Net::HTTPResponse response;
            session.receiveResponse(response).ignore(std::numeric_limits<std::streamsize>::max());
            if (response.getStatus() / 100 == 2)
            {
                _published.insert(sequence);
                _lastAcknowledgedMicros = realtimeMicros();
                ++_publishedCount;
            }
            else
            {
                ++_failures;
                _lastError = "HTTP " + std::to_string(response.getStatus()) + " " + response.getReason();
            }
        }
        catch (const Poco::Exception& error)
        {
            ++_failures;
            _lastError = error.displayText();
            session.reset();
        }
    }
    _finished = true;
}

} // namespace feedhub::bench
