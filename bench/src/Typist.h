#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "HttpTarget.h"
#include "LatencyHistogram.h"
#include <vector>

namespace Poco::Net
{
class HTTPClientSession;
}

namespace feedhub::bench
{

// One editor client's keyboard: on a thread of its own, sends its edits to a
// collab document at a steady rate, each a one-character insert of its own
// letter at a random position of the version its client last saw (the
// text's length at version V is V: every version inserts one character into
// an empty document), labelled with a bench payload {"t","n","r"} as the
// change's "client", which every follower's change event carries back.
class Typist
{
public:
    struct Plan
    {
        size_t index = 0;          // this typist's number: its letter and its edit numbers
        uint64_t edits = 0;        // edits to send; edit k is the run's edit index * edits + k
        double editsPerSecond = 0; // the pace
        int64_t startMonotonicMicros = 0;
        uint64_t runId = 0;
    };

    using LatestVersion = std::function<int64_t()>;
        /// The version the client has seen last, read before each edit.

    Typist(const HttpTarget& target, Plan plan, LatestVersion latestVersion);
    ~Typist();
    Typist(const Typist&) = delete;
    Typist& operator=(const Typist&) = delete;

    void start();
    void join();
    bool finished() const { return _finished; }

    char letter() const { return letterOf(_plan.index); }
    static char letterOf(size_t index) { return static_cast<char>('a' + index % 26); }

    // Only valid after join().
    const std::vector<uint64_t>& acknowledged() const { return _acknowledged; } /// edits answered 200
    uint64_t failures() const { return _failures; }
    uint64_t stale() const { return _stale; } /// answered 409: its base was older than the kept changes
    uint64_t late() const { return _late; }   /// sent more than 10 ms after its due time
    const std::string& lastError() const { return _lastError; }
    const LatencyHistogram& answerTimes() const { return _answerTimes; }

private:
    void run();
    void submit(Poco::Net::HTTPClientSession& session, uint64_t edit, uint64_t random);

    const HttpTarget& _target;
    const Plan _plan;
    const LatestVersion _latestVersion;
    std::thread _thread;
    std::atomic<bool> _finished{false};
    std::vector<uint64_t> _acknowledged;
    uint64_t _failures = 0;
    uint64_t _stale = 0;
    uint64_t _late = 0;
    std::string _lastError;
    LatencyHistogram _answerTimes;
};

} // namespace feedhub::bench
