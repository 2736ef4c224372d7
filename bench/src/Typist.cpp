#include "Typist.h"

#include <chrono>
#include <iterator>
#include <random>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "Clock.h"

namespace feedhub::bench
{

namespace
{

constexpr int64_t kLateMicros = 10 * 1000;

} // namespace

Typist::Typist(const HttpTarget& target, Plan plan, LatestVersion latestVersion)
    : _target(target), _plan(plan), _latestVersion(std::move(latestVersion))
{
    _acknowledged.reserve(_plan.edits);
}

Typist::~Typist()
{
    join();
}

void Typist::start()
{
    _thread = std::thread([this] { run(); });
}

void Typist::join()
{
    if (_thread.joinable())
        _thread.join();
}

void Typist::run()
{
    Poco::Net::HTTPClientSession session(_target.host, _target.port);
    session.setKeepAlive(true);
    session.setTimeout(Poco::Timespan(10, 0));
    std::mt19937_64 random(_plan.runId + _plan.index);
    for (uint64_t k = 0; k < _plan.edits; ++k)
    {
        const int64_t due =
            _plan.startMonotonicMicros + static_cast<int64_t>(static_cast<double>(k) * 1e6 / _plan.editsPerSecond);
        const int64_t wait = due - monotonicMicros();
        if (wait > 0)
            std::this_thread::sleep_for(std::chrono::microseconds(wait));
        else if (-wait > kLateMicros)
            ++_late;
        submit(session, _plan.index * _plan.edits + k, random());
    }
    _finished = true;
}

void Typist::submit(Poco::Net::HTTPClientSession& session, uint64_t edit, uint64_t random)
{
    const int64_t base = _latestVersion();
    const uint64_t at = random % static_cast<uint64_t>(base + 1);
    // Stamped last: the latency measured starts here. Short, as "client" takes at most 64 bytes.
    const int64_t sent = realtimeMicros();
    const std::string body = "{\"base\":" + std::to_string(base) + ",\"ops\":[{\"at\":" + std::to_string(at) +
                             ",\"insert\":\"" + std::string(1, letter()) + "\"}],\"client\":\"{\\\"t\\\":" +
                             std::to_string(sent) + ",\\\"n\\\":" + std::to_string(edit) + ",\\\"r\\\":" +
                             std::to_string(_plan.runId) + "}\"}";
    try
    {
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, _target.pathAndQuery,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.setKeepAlive(true);
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string answer;
        std::istream& stream = session.receiveResponse(response);
        answer.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
        _answerTimes.record(realtimeMicros() - sent);
        if (response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK)
        {
            _acknowledged.push_back(edit);
            return;
        }
        if (response.getStatus() == Poco::Net::HTTPResponse::HTTP_CONFLICT)
            ++_stale;
        ++_failures;
        _lastError = "HTTP " + std::to_string(response.getStatus()) + ": " + answer.substr(0, 200);
    }
    catch (const Poco::Exception& error)
    {
        ++_failures;
        _lastError = error.displayText();
        session.reset();
    }
}

} // namespace feedhub::bench
