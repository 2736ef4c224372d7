#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "DeliveryRecorder.h"
#include "DocumentFollower.h"
#include "EventLoop.h"
#include "HttpTarget.h"
#include "Typist.h"

namespace feedhub::bench
{

// What an editor run is told to do (feedhub-editor-bench's options).
struct EditorPlan
{
    std::string host = "127.0.0.1";
    std::vector<uint16_t> ports{8080}; // client i uses ports[i % size]: its node
    std::string document;              // a document no one has edited yet
    size_t clients = 20;
    uint64_t editsPerClient = 100;
    double editsPerSecond = 10; // per client
    double drainTimeoutSeconds = 3;
    double durationLimitSeconds = 120;
};

// The document at the end, as one node answers GET /api/docs/<name>.
struct DocumentCheck
{
    uint16_t port = 0;
    bool read = false; // answered 200 with {"text","version"}
    std::string text;
    int64_t version = 0;
};

struct EditorResult
{
    size_t connected = 0; // clients whose stream was open when typing began
    size_t lost = 0;      // streams that broke while typing
    std::string lastFailure;
    uint64_t edits = 0;        // sent
    uint64_t acknowledged = 0; // answered 200
    uint64_t failures = 0;
    uint64_t stale = 0;
    uint64_t late = 0;
    std::string lastError;
    uint64_t deliveries = 0; // change events of this run's edits, every client
    uint64_t expectedDeliveries = 0;
    uint64_t missed = 0;
    uint64_t duplicates = 0;
    uint64_t seenByAll = 0; // acknowledged edits every connected client saw
    int64_t p50Micros = 0, p99Micros = 0, maxMicros = 0;          // post to each client
    int64_t allP50Micros = 0, allP99Micros = 0, allMaxMicros = 0; // post to the last client
    uint64_t answered = 0;                                         // posts that got an answer
    int64_t answerP99Micros = 0;                                   // post to its answer
    std::vector<DocumentCheck> documents;                          // one per node
    bool textComplete = false; // length, version and every typist's letters as acknowledged
    bool nodesAgree = false;
    double typingSeconds = 0;
    double benchCpuPercent = 0;
    double loadAverage = 0;
};

// An editor run: every client opens its stream of doc.<name> on its node,
// then all type at once; each edit is followed to every client, and the
// document's final text is read back from every node.
class EditorRun
{
public:
    explicit EditorRun(EditorPlan plan);
    ~EditorRun();

    EditorResult execute();

private:
    bool rampUp();
    void type();
    bool everyEditSeen() const;
    void tally();
    void checkDocuments();

    const EditorPlan _plan;
    const uint64_t _runId;
    const int64_t _deadlineMicros;
    std::vector<HttpTarget> _streamTargets; // one per port
    std::vector<HttpTarget> _editTargets;
    EventLoop _loop;
    DeliveryRecorder _recorder;
    SubscriberCensus _census;
    EditArrivals _arrivals;
    std::vector<std::unique_ptr<DocumentFollower>> _followers;
    std::vector<std::unique_ptr<Typist>> _typists;
    SequenceSet _acknowledged;
    EditorResult _result;
};

} // namespace feedhub::bench
