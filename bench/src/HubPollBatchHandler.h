#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Poco/JSON/Handler.h>

namespace feedhub::bench
{

// Streaming (SAX-like) handler for Poco::JSON::Parser that reads a feedhub poll
// answer {"events":[{...,"data":VALUE,...},...],"cursor":"N","truncated":B}
// without building a DOM. For each event it keeps the event's data: the raw
// string if VALUE is a JSON string, else VALUE's compact JSON text (strings in
// it re-escaped with Poco::toJSON, numbers formatted as Poco's Var does). Other
// members are skipped. Throws Poco::JSON::JSONException, which aborts the
// parse, on an ill-typed member; finish() throws if a required one is missing.
//
// The texts live in one buffer that is reused from parse to parse, so a warm
// handler allocates nothing of its own (Poco still hands over keys and string
// values as std::string).
class HubPollBatchHandler : public Poco::JSON::Handler
{
public:
    using Ptr = Poco::SharedPtr<HubPollBatchHandler>;

    HubPollBatchHandler();

    void reset() override;
    void startObject() override;
    void endObject() override;
    void startArray() override;
    void endArray() override;
    void key(const std::string& k) override;
    void null() override;
    void value(int v) override;
    void value(unsigned v) override;
    void value(Poco::Int64 v) override;
    void value(Poco::UInt64 v) override;
    void value(const std::string& v) override;
    void value(double d) override;
    void value(bool b) override;

    // Call after Parser::parse() returned: throws Poco::JSON::JSONException if
    // the document lacked "events", "cursor" or "truncated".
    void finish() const;

    size_t eventCount() const { return _spans.size(); }
    std::string_view eventData(size_t index) const
    {
        return std::string_view(_texts).substr(_spans[index].first, _spans[index].second);
    }
    const std::string& cursor() const { return _cursor; }
    bool truncated() const { return _truncated; }

private:
    // What the value being started means, from where it is in the document.
    enum class Role
    {
        Batch,     // the document: must be an object
        Events,    // batch "events": must be an array
        Cursor,    // batch "cursor": must be a string
        Truncated, // batch "truncated": must be a boolean
        Event,     // an element of "events": must be an object
        Data,      // an event's "data": any value, kept
        Ignored    // anything else: skipped
    };
    enum class PendingKey
    {
        None,
        Events,
        Cursor,
        Truncated,
        Data,
        Other
    };

    Role takeRole();
    void beginData();
    void endData();
    void scalar(const char* text);
    void scalarText(const std::string& text);
    void openContainer(char bracket, Role role);
    void closeContainer(char bracket);
    void appendSeparator();
    void appendJsonString(const std::string& text);
    [[noreturn]] static void fail(const char* what);

    // Nesting depth of the parser: 0 outside the document, 1 in the batch,
    // 2 in "events", 3 in an event.
    size_t _depth = 0;
    PendingKey _pendingKey = PendingKey::None;
    // A skipped container runs while _depth > _skipBase.
    bool _skipping = false;
    size_t _skipBase = 0;
    // An object or array "data" is being written out while _depth > _captureBase.
    bool _capturing = false;
    size_t _captureBase = 0;
    bool _needComma = false;

    bool _sawBatch = false;
    bool _sawEvents = false;
    bool _sawCursor = false;
    bool _sawTruncated = false;
    bool _eventHasData = false;
    size_t _dataStart = 0;

    std::string _texts;                            // every event's data text, back to back
    std::vector<std::pair<size_t, size_t>> _spans; // offset and length in _texts, per event
    std::string _cursor;
    bool _truncated = false;
};

} // namespace feedhub::bench
