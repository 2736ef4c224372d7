#include "EditorRun.h"

#include <algorithm>
#include <cstdlib>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "BenchPayload.h"
#include "Clock.h"

namespace feedhub::bench
{

namespace
{

constexpr int kLoopTickMillis = 10;
constexpr int64_t kRampLimitMicros = 15 * 1000000;
// Typing starts this long after the streams are open, and the typists start
// spread over one edit's interval so their posts do not come in bursts.
constexpr int64_t kStartDelayMicros = 500 * 1000;

int64_t secondsToMicros(double seconds)
{
    return static_cast<int64_t>(seconds * 1e6);
}

DocumentCheck readDocument(const HttpTarget& target)
{
    DocumentCheck check;
    check.port = target.port;
    try
    {
        Poco::Net::HTTPClientSession session(target.host, target.port);
        session.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target.pathAndQuery,
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& body = session.receiveResponse(response);
        if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
            return check;
        const Poco::JSON::Object::Ptr document =
            Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        check.text = document->getValue<std::string>("text");
        check.version = document->getValue<Poco::Int64>("version");
        check.read = true;
    }
    catch (const Poco::Exception&) // read stays false: the report says the node did not answer
    {
    }
    return check;
}

} // namespace

EditorRun::EditorRun(EditorPlan plan)
    : _plan(std::move(plan)), _runId(makeRunId()),
      _deadlineMicros(monotonicMicros() + secondsToMicros(_plan.durationLimitSeconds)), _recorder(_runId),
      _arrivals(_plan.clients * _plan.editsPerClient), _acknowledged(_plan.clients * _plan.editsPerClient)
{
    for (const uint16_t port : _plan.ports)
    {
        _streamTargets.push_back(HttpTarget::resolve("/events?topic=doc." + _plan.document, _plan.host, port));
        _editTargets.push_back(HttpTarget::resolve("/api/docs/" + _plan.document, _plan.host, port));
    }
    const uint64_t runEdits = _plan.clients * _plan.editsPerClient;
    for (size_t i = 0; i < _plan.clients; ++i)
        _followers.push_back(std::make_unique<DocumentFollower>(
            _loop, _streamTargets[i % _streamTargets.size()], _recorder, _census, _arrivals, runEdits));
}

// The typists read their followers, and the followers unregister from the loop.
EditorRun::~EditorRun()
{
    _typists.clear();
    _followers.clear();
}

EditorResult EditorRun::execute()
{
    if (rampUp())
        type();
    for (auto& follower : _followers)
        follower->stop();
    tally();
    checkDocuments();
    return _result;
}

bool EditorRun::rampUp()
{
    for (auto& follower : _followers)
        follower->start();
    const int64_t giveUp = std::min(_deadlineMicros, monotonicMicros() + kRampLimitMicros);
    while (_census.count(SubscriberPhase::Connecting) > 0 && monotonicMicros() < giveUp)
        _loop.runOnce(kLoopTickMillis);
    _result.connected = _census.count(SubscriberPhase::Ready);
    _result.lastFailure = _census.lastFailure();
    return _result.connected == _plan.clients;
}

void EditorRun::type()
{
    const int64_t start = monotonicMicros() + kStartDelayMicros;
    const double interval = 1e6 / _plan.editsPerSecond;
    for (size_t i = 0; i < _plan.clients; ++i)
    {
        Typist::Plan plan;
        plan.index = i;
        plan.edits = _plan.editsPerClient;
        plan.editsPerSecond = _plan.editsPerSecond;
        plan.startMonotonicMicros = start + static_cast<int64_t>(interval * static_cast<double>(i) /
                                                                 static_cast<double>(_plan.clients));
        plan.runId = _runId;
        DocumentFollower& follower = *_followers[i];
        _typists.push_back(std::make_unique<Typist>(_editTargets[i % _editTargets.size()], plan,
                                                    [&follower] { return follower.latestVersion(); }));
    }
    getloadavg(&_result.loadAverage, 1);
    const int64_t cpuAtStart = processCpuMicros();
    for (auto& typist : _typists)
        typist->start();
    uint64_t deliveriesSeen = 0;
    int64_t lastProgress = monotonicMicros();
    for (;;)
    {
        _loop.runOnce(kLoopTickMillis);
        const int64_t now = monotonicMicros();
        if (_recorder.deliveries() != deliveriesSeen)
        {
            deliveriesSeen = _recorder.deliveries();
            lastProgress = now;
        }
        if (now >= _deadlineMicros)
            break;
        const bool typed = std::all_of(_typists.begin(), _typists.end(),
                                       [](const auto& typist) { return typist->finished(); });
        if (!typed)
            continue;
        if (everyEditSeen() || now - std::max(lastProgress, start) > secondsToMicros(_plan.drainTimeoutSeconds))
            break;
    }
    for (auto& typist : _typists)
        typist->join();
    const int64_t wall = monotonicMicros() - start;
    _result.typingSeconds = static_cast<double>(wall) / 1e6;
    if (wall > 0)
        _result.benchCpuPercent = 100.0 * static_cast<double>(processCpuMicros() - cpuAtStart) / static_cast<double>(wall);
}

// Every acknowledged edit seen by every client; called once the typists are
// done (their finished flag orders their counts before this read).
bool EditorRun::everyEditSeen() const
{
    uint64_t answered = 0;
    for (const auto& typist : _typists)
        answered += typist->acknowledged().size();
    uint64_t seen = 0;
    for (uint64_t edit = 0; edit < _plan.clients * _plan.editsPerClient; ++edit)
        seen += _arrivals.seenBy(edit) >= _result.connected ? 1 : 0;
    return seen >= answered;
}

void EditorRun::tally()
{
    LatencyHistogram answers;
    for (const auto& typist : _typists)
    {
        _result.edits += _plan.editsPerClient;
        _result.acknowledged += typist->acknowledged().size();
        _result.failures += typist->failures();
        _result.stale += typist->stale();
        _result.late += typist->late();
        if (!typist->lastError().empty())
            _result.lastError = typist->lastError();
        answers.merge(typist->answerTimes());
        for (const uint64_t edit : typist->acknowledged())
            _acknowledged.insert(edit);
    }
    _result.answered = answers.count();
    _result.answerP99Micros = answers.quantileMicros(0.99);
    for (const auto& follower : _followers)
    {
        if (follower->phase() == SubscriberPhase::Lost)
            ++_result.lost;
        if (follower->phase() == SubscriberPhase::Ready || follower->phase() == SubscriberPhase::Lost)
            _result.missed += follower->received().countMissingFrom(_acknowledged);
    }
    if (!_census.lastFailure().empty())
        _result.lastFailure = _census.lastFailure();
    _result.deliveries = _recorder.deliveries();
    _result.duplicates = _recorder.duplicates();
    _result.expectedDeliveries = _result.connected * _result.acknowledged;
    _result.p50Micros = _recorder.latency().quantileMicros(0.50);
    _result.p99Micros = _recorder.latency().quantileMicros(0.99);
    _result.maxMicros = _recorder.latency().maxMicros();
    // Post to the last client, over the acknowledged edits every client saw.
    LatencyHistogram toAll;
    for (const auto& typist : _typists)
    {
        for (const uint64_t edit : typist->acknowledged())
        {
            if (_result.connected == 0 || _arrivals.seenBy(edit) < _result.connected)
                continue;
            ++_result.seenByAll;
            toAll.record(_arrivals.toLastClientMicros(edit));
        }
    }
    _result.allP50Micros = toAll.quantileMicros(0.50);
    _result.allP99Micros = toAll.quantileMicros(0.99);
    _result.allMaxMicros = toAll.maxMicros();
}

// The document began empty, so every acknowledged edit is one character and
// one version, and each typist's letter appears as often as it was answered.
void EditorRun::checkDocuments()
{
    for (const HttpTarget& target : _editTargets)
        _result.documents.push_back(readDocument(target));
    const DocumentCheck& first = _result.documents.front();
    _result.nodesAgree = std::all_of(_result.documents.begin(), _result.documents.end(), [&first](const auto& check) {
        return check.read && check.text == first.text && check.version == first.version;
    });
    bool complete = first.read && first.text.size() == _result.acknowledged &&
                    first.version == static_cast<int64_t>(_result.acknowledged);
    for (const auto& typist : _typists)
        complete = complete && static_cast<size_t>(std::count(first.text.begin(), first.text.end(),
                                                              typist->letter())) == typist->acknowledged().size();
    _result.textComplete = complete;
}

} // namespace feedhub::bench
