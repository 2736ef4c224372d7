#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

#include "SseParser.h"
#include "Subscriber.h"

namespace feedhub::bench
{

// When each edit of an editor run reached the last of the clients following
// the document: written only by the event loop's thread.
class EditArrivals
{
public:
    explicit EditArrivals(uint64_t edits) : _sentMicros(edits, 0), _lastSeenMicros(edits, 0), _seenBy(edits, 0) {}

    void record(uint64_t edit, int64_t sentMicros, int64_t nowMicros);
    uint32_t seenBy(uint64_t edit) const { return _seenBy[edit]; }
    int64_t toLastClientMicros(uint64_t edit) const { return _lastSeenMicros[edit] - _sentMicros[edit]; }
        /// From the edit's post to the last client seeing it.

private:
    std::vector<int64_t> _sentMicros; // CLOCK_REALTIME, as the edit's payload says
    std::vector<int64_t> _lastSeenMicros;
    std::vector<uint32_t> _seenBy;
};

// One editor client's view of a collab document: holds an SSE stream of
// doc.<name> open, records every change event as a delivery of the edit its
// "client" label names (a bench payload, see Typist) and remembers the
// highest version it has seen, which its typist bases its next edit on.
class DocumentFollower : public Subscriber
{
public:
    DocumentFollower(EventLoop& loop, const HttpTarget& target, DeliveryRecorder& recorder,
                     SubscriberCensus& census, EditArrivals& arrivals, uint64_t edits);

    int64_t latestVersion() const { return _latestVersion.load(std::memory_order_acquire); }
        /// Any thread may read it.

private:
    std::string subscribeRequest() const override;
    void onResponseHead(const HttpResponseHead& head) override;
    void onResponseBody(const char* bytes, size_t length) override;
    void onResponseComplete() override;
    void onConnectionLost(const std::string& reason) override;
    void onChange(std::string_view data);

    EditArrivals& _arrivals;
    SseParser _parser;
    bool _streaming = false;
    std::atomic<int64_t> _latestVersion{0};
};

} // namespace feedhub::bench
