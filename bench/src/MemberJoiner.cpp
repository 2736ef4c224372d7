#include "MemberJoiner.h"

#include <atomic>
#include <chrono>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "Clock.h"

namespace feedhub::bench
{

namespace
{

// Joins in flight: enough to keep both nodes of a cluster busy, few enough
// that the room's commits are not one long queue of retries.
constexpr size_t kJoinThreads = 8;
constexpr int kJoinAttempts = 10;
constexpr int kRetryPauseMillis = 5; // times the attempt number

// Answers the join's status, 0 if it got none (the session is then reset).
int postJoin(Poco::Net::HTTPClientSession& session, const std::string& path, size_t member, std::string& error)
{
    try
    {
        const std::string body = "{\"nick\":\"" + MemberJoiner::nickOf(member) + "\"}";
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.setKeepAlive(true);
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response).ignore(std::numeric_limits<std::streamsize>::max());
        error = "join: HTTP " + std::to_string(response.getStatus());
        return response.getStatus();
    }
    catch (const Poco::Exception& failure)
    {
        session.reset();
        error = "join: " + failure.displayText();
        return 0;
    }
}

} // namespace

JoinResult MemberJoiner::joinAll(const std::vector<HttpTarget>& targets, size_t members)
{
    JoinResult result;
    std::atomic<size_t> next{0};
    std::atomic<size_t> joined{0};
    std::atomic<size_t> retries{0};
    std::mutex mutex; // result.failures and lastError
    const int64_t started = monotonicMicros();
    auto join = [&] {
        std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> sessions;
        for (const HttpTarget& target : targets)
        {
            sessions.push_back(std::make_unique<Poco::Net::HTTPClientSession>(target.host, target.port));
            sessions.back()->setKeepAlive(true);
            sessions.back()->setTimeout(Poco::Timespan(10, 0));
        }
        for (size_t member = next++; member < members; member = next++)
        {
            const size_t node = member % targets.size();
            std::string error;
            int status = 0;
            for (int attempt = 1; attempt <= kJoinAttempts; ++attempt)
            {
                status = postJoin(*sessions[node], targets[node].pathAndQuery, member, error);
                if (status != Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE || attempt == kJoinAttempts)
                    break;
                ++retries;
                std::this_thread::sleep_for(std::chrono::milliseconds(kRetryPauseMillis * attempt));
            }
            if (status == Poco::Net::HTTPResponse::HTTP_CREATED)
            {
                ++joined;
                continue;
            }
            std::lock_guard<std::mutex> lock(mutex);
            ++result.failures;
            result.lastError = error;
        }
    };
    std::vector<std::thread> threads;
    for (size_t i = 0; i < kJoinThreads; ++i)
        threads.emplace_back(join);
    for (std::thread& thread : threads)
        thread.join();
    result.joined = joined;
    result.retries = retries;
    result.seconds = static_cast<double>(monotonicMicros() - started) / 1e6;
    return result;
}

} // namespace feedhub::bench
