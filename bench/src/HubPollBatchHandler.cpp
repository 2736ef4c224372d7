#include "HubPollBatchHandler.h"

#include <array>

#include <Poco/JSON/JSONException.h>
#include <Poco/JSONString.h>
#include <Poco/NumberFormatter.h>

namespace feedhub::bench
{

namespace
{

// Options Poco::JSON::Object::stringify() passes for its strings, so data
// texts read as they did when the batch went through a DOM.
constexpr int STRING_OPTIONS = Poco::JSON_WRAP_STRINGS;

// The ASCII characters Poco::toJSON() leaves alone, asked of Poco itself once,
// so that strings made of them only (the usual case, e.g. the bench padding)
// are copied without the allocating call and still come out as Poco writes them.
std::array<bool, 128> makePlainAscii()
{
    std::array<bool, 128> plain{};
    for (size_t c = 0; c < plain.size(); ++c)
    {
        const std::string one(1, static_cast<char>(c));
        plain[c] = Poco::toJSON(one, STRING_OPTIONS) == "\"" + one + "\"";
    }
    return plain;
}

bool isPlain(const std::string& text)
{
    static const std::array<bool, 128> plainAscii = makePlainAscii();
    for (const char c : text)
    {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= plainAscii.size() || !plainAscii[byte])
            return false;
    }
    return true;
}

} // namespace

HubPollBatchHandler::HubPollBatchHandler()
{
    _texts.reserve(4096);
    _spans.reserve(16);
    reset();
}

void HubPollBatchHandler::reset()
{
    _depth = 0;
    _pendingKey = PendingKey::None;
    _skipping = false;
    _skipBase = 0;
    _capturing = false;
    _captureBase = 0;
    _needComma = false;
    _sawBatch = _sawEvents = _sawCursor = _sawTruncated = false;
    _eventHasData = false;
    _dataStart = 0;
    _texts.clear(); // clear() keeps the capacity for the next answer
    _spans.clear();
    _cursor.clear();
    _truncated = false;
}

void HubPollBatchHandler::fail(const char* what)
{
    throw Poco::JSON::JSONException(what);
}

HubPollBatchHandler::Role HubPollBatchHandler::takeRole()
{
    const PendingKey key = _pendingKey;
    _pendingKey = PendingKey::None;
    switch (_depth)
    {
    case 0:
        return Role::Batch;
    case 1:
        switch (key)
        {
        case PendingKey::Events:
            return Role::Events;
        case PendingKey::Cursor:
            return Role::Cursor;
        case PendingKey::Truncated:
            return Role::Truncated;
        default:
            return Role::Ignored;
        }
    case 2:
        // Only "events" is entered at this depth; other containers are skipped.
        return Role::Event;
    case 3:
        return key == PendingKey::Data ? Role::Data : Role::Ignored;
    default:
        return Role::Ignored;
    }
}

void HubPollBatchHandler::beginData()
{
    if (_eventHasData)
    {
        // A repeated "data" key: the last one wins, as in a DOM.
        _texts.resize(_spans.back().first);
        _spans.pop_back();
    }
    _dataStart = _texts.size();
}

void HubPollBatchHandler::endData()
{
    _spans.emplace_back(_dataStart, _texts.size() - _dataStart);
    _eventHasData = true;
}

void HubPollBatchHandler::appendSeparator()
{
    if (_needComma)
        _texts += ',';
}

void HubPollBatchHandler::appendJsonString(const std::string& text)
{
    if (isPlain(text))
    {
        _texts += '"';
        _texts += text;
        _texts += '"';
    }
    else
        _texts += Poco::toJSON(text, STRING_OPTIONS);
}

void HubPollBatchHandler::openContainer(char bracket, Role role)
{
    if (_skipping)
    {
        ++_depth;
        return;
    }
    if (!_capturing)
    {
        if (role != Role::Data)
        {
            _skipping = true;
            _skipBase = _depth++;
            return;
        }
        beginData();
        _capturing = true;
        _captureBase = _depth;
    }
    else
        appendSeparator();
    _texts += bracket;
    _needComma = false;
    ++_depth;
}

void HubPollBatchHandler::closeContainer(char bracket)
{
    if (_depth == 0)
        fail("unbalanced JSON");
    --_depth;
    if (_capturing)
    {
        _texts += bracket;
        _needComma = true;
        if (_depth == _captureBase)
        {
            _capturing = false;
            endData();
        }
        return;
    }
    if (_skipping)
    {
        if (_depth == _skipBase)
            _skipping = false;
        return;
    }
    if (_depth == 2 && !_eventHasData)
        fail("poll event without data");
}

void HubPollBatchHandler::startObject()
{
    if (_capturing || _skipping)
    {
        openContainer('{', Role::Ignored);
        return;
    }
    switch (takeRole())
    {
    case Role::Batch:
        _sawBatch = true;
        ++_depth;
        return;
    case Role::Event:
        _eventHasData = false;
        ++_depth;
        return;
    case Role::Data:
        openContainer('{', Role::Data);
        return;
    case Role::Ignored:
        openContainer('{', Role::Ignored);
        return;
    default:
        fail("poll answer member has the wrong type");
    }
}

void HubPollBatchHandler::startArray()
{
    if (_capturing || _skipping)
    {
        openContainer('[', Role::Ignored);
        return;
    }
    switch (takeRole())
    {
    case Role::Events:
        if (_sawEvents)
            fail("poll answer has \"events\" twice");
        _sawEvents = true;
        ++_depth;
        return;
    case Role::Data:
        openContainer('[', Role::Data);
        return;
    case Role::Ignored:
        openContainer('[', Role::Ignored);
        return;
    default:
        fail("poll answer member has the wrong type");
    }
}

void HubPollBatchHandler::endObject()
{
    closeContainer('}');
}

void HubPollBatchHandler::endArray()
{
    closeContainer(']');
}

void HubPollBatchHandler::key(const std::string& k)
{
    if (_capturing)
    {
        appendSeparator();
        appendJsonString(k);
        _texts += ':';
        _needComma = false;
        return;
    }
    if (_skipping)
        return;
    if (_depth == 1)
        _pendingKey = k == "events"      ? PendingKey::Events
                      : k == "cursor"    ? PendingKey::Cursor
                      : k == "truncated" ? PendingKey::Truncated
                                         : PendingKey::Other;
    else if (_depth == 3)
        _pendingKey = k == "data" ? PendingKey::Data : PendingKey::Other;
}

// A number, boolean or null: written out inside a captured data value or as
// the whole data value; must not stand where the batch expects something else.
void HubPollBatchHandler::scalar(const char* text)
{
    if (_capturing)
    {
        appendSeparator();
        _texts += text;
        _needComma = true;
        return;
    }
    if (_skipping)
        return;
    switch (takeRole())
    {
    case Role::Data:
        beginData();
        _texts += text;
        endData();
        return;
    case Role::Ignored:
        return;
    default:
        fail("poll answer member has the wrong type");
    }
}

void HubPollBatchHandler::scalarText(const std::string& text)
{
    scalar(text.c_str());
}

void HubPollBatchHandler::null()
{
    scalar("null");
}

void HubPollBatchHandler::value(bool b)
{
    if (!_capturing && !_skipping && _depth == 1 && _pendingKey == PendingKey::Truncated)
    {
        _pendingKey = PendingKey::None;
        _truncated = b;
        _sawTruncated = true;
        return;
    }
    scalar(b ? "true" : "false");
}

void HubPollBatchHandler::value(int v)
{
    value(static_cast<Poco::Int64>(v));
}

void HubPollBatchHandler::value(unsigned v)
{
    value(static_cast<Poco::UInt64>(v));
}

// Numbers go straight into the text buffer when they belong to data, to spare
// a temporary string for each.
void HubPollBatchHandler::value(Poco::Int64 v)
{
    if (_capturing)
    {
        appendSeparator();
        Poco::NumberFormatter::append(_texts, v);
        _needComma = true;
        return;
    }
    std::string text;
    Poco::NumberFormatter::append(text, v);
    scalarText(text);
}

void HubPollBatchHandler::value(Poco::UInt64 v)
{
    if (_capturing)
    {
        appendSeparator();
        Poco::NumberFormatter::append(_texts, v);
        _needComma = true;
        return;
    }
    std::string text;
    Poco::NumberFormatter::append(text, v);
    scalarText(text);
}

void HubPollBatchHandler::value(double d)
{
    std::string text;
    Poco::NumberFormatter::append(text, d);
    scalarText(text);
}

void HubPollBatchHandler::value(const std::string& v)
{
    if (_capturing)
    {
        appendSeparator();
        appendJsonString(v);
        _needComma = true;
        return;
    }
    if (_skipping)
        return;
    switch (takeRole())
    {
    case Role::Cursor:
        _cursor = v;
        _sawCursor = true;
        return;
    case Role::Data:
        // A string data value is handed on as the raw string.
        beginData();
        _texts += v;
        endData();
        return;
    case Role::Ignored:
        return;
    default:
        fail("poll answer member has the wrong type");
    }
}

void HubPollBatchHandler::finish() const
{
    if (!_sawBatch || _depth != 0)
        fail("poll answer is not a complete object");
    if (!_sawEvents)
        fail("poll answer without \"events\"");
    if (!_sawCursor)
        fail("poll answer without \"cursor\"");
    if (!_sawTruncated)
        fail("poll answer without \"truncated\"");
}

} // namespace feedhub::bench
