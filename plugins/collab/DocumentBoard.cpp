//
// DocumentBoard.cpp
//

#include "DocumentBoard.h"
#include "CodePoints.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "TextEdits.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonText.h"
#include <cctype>
#include <limits>

namespace feedhub::collab
{

using Poco::Net::HTTPResponse;

namespace
{

const std::string HEADS = "heads";
const std::string CATALOG = "catalog";
const std::string DOCUMENT_COUNT = "documents";

std::string changesOf(const std::string& name)
{
    return "changes:" + name;
}

std::string versionKey(Poco::Int64 version)
{
    return Poco::NumberFormatter::format0(version, 20);
}

Poco::JSON::Object::Ptr parseObject(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string headValue(const std::u32string& text)
{
    Poco::JSON::Object::Ptr head = new Poco::JSON::Object;
    head->set("text", CodePoints::toUtf8(text));
    return JsonText::format(head);
}

std::string changeValue(const TextOperation& change)
{
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object;
    record->set("length", change.baseLength());
    record->set("ops", TextEdits::format(change));
    return JsonText::format(record);
}

TextOperation parseChange(const std::string& value)
{
    const Poco::JSON::Object::Ptr record = parseObject(value);
    // Rebased, a change may hold more edits than its client sent.
    return TextEdits::parse(record->get("ops"), record->getValue<std::size_t>("length"),
                            std::numeric_limits<std::size_t>::max());
}

} // namespace

DocumentBoard::DocumentBoard(Limits limits, FeedState& state, Listener listener)
    : _limits(limits), _state(state), _listener(std::move(listener))
{
}

DocumentBoard::Snapshot DocumentBoard::read(const std::string& name) const
{
    checkName(name);
    const Head head = readHead(name);
    return Snapshot{CodePoints::toUtf8(head.text), head.version};
}

DocumentBoard::Outcome DocumentBoard::submit(const std::string& name, const Change& change)
{
    checkName(name);
    const std::shared_ptr<Entry> entry = entryOf(name);
    std::lock_guard<std::mutex> lock(entry->mutex);
    try
    {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt)
        {
            if (std::optional<Outcome> outcome = tryCommit(name, *entry, change))
                return *outcome;
        }
    }
    catch (...)
    {
        // A change refused for a document nobody made keeps no copy of it.
        if (!entry->document || entry->document->version() == 0)
            forget(name, entry);
        throw;
    }
    throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                    "document '" + name + "' changed " + Poco::NumberFormatter::format(MAX_ATTEMPTS) +
                        " times while this change was rebased: send it again");
}

std::optional<DocumentBoard::Outcome> DocumentBoard::tryCommit(const std::string& name, Entry& entry,
                                                               const Change& change)
{
    const Head head = readHead(name);
    catchUp(name, entry, head);
    const SharedDocument& document = *entry.document;
    if (change.base < document.oldestBase())
        return Outcome{true, Snapshot{CodePoints::toUtf8(document.text()), document.version()}};
    const TextOperation rebased = rebase(document, change);
    const std::u32string text = rebased.apply(document.text());
    const Poco::Int64 version = document.version() + 1;
    std::vector<FeedState::Write> writes{
        {HEADS, name, document.version(), headValue(text)},
        {changesOf(name), versionKey(version), FeedState::ABSENT, changeValue(rebased)}};
    const auto kept = static_cast<Poco::Int64>(_limits.keptChanges);
    if (version > kept)
        writes.push_back({changesOf(name), versionKey(version - kept), FeedState::ANY, std::nullopt});
    if (version == 1)
        writes.push_back(countWrite());
    if (!_state.commit(writes))
        return std::nullopt;
    entry.document->apply(rebased);
    _listener(name, version, TextEdits::format(rebased), change);
    return Outcome{false, Snapshot{CodePoints::toUtf8(text), version}};
}

DocumentBoard::Head DocumentBoard::readHead(const std::string& name) const
{
    const std::optional<FeedState::Record> record = _state.get(HEADS, name);
    if (!record)
        return Head{};
    return Head{CodePoints::fromUtf8(parseObject(record->value)->getValue<std::string>("text")),
                record->version};
}

void DocumentBoard::catchUp(const std::string& name, Entry& entry, const Head& head) const
{
    std::optional<SharedDocument>& document = entry.document;
    if (document && document->version() <= head.version &&
        head.version - document->version() <= static_cast<Poco::Int64>(_limits.keptChanges))
    {
        for (Poco::Int64 version = document->version() + 1; version <= head.version; ++version)
        {
            const std::optional<FeedState::Record> record = _state.get(changesOf(name), versionKey(version));
            if (!record)
                break;
            const TextOperation change = parseChange(record->value);
            if (change.baseLength() != document->text().size())
                break;
            document->apply(change);
        }
        if (document->version() == head.version && document->text() == head.text)
            return;
    }
    // No copy yet, one too far behind, or one the state no longer agrees with.
    document = loadDocument(name, head);
}

SharedDocument DocumentBoard::loadDocument(const std::string& name, const Head& head) const
{
    std::deque<TextOperation> changes;
    if (head.version > 0)
    {
        // Records made after the head was read are left out; the walk stops at
        // the first one missing (trimmed meanwhile).
        const std::map<std::string, FeedState::Record> records = _state.list(changesOf(name));
        for (Poco::Int64 version = head.version; version > 0 && changes.size() < _limits.keptChanges;
             --version)
        {
            const auto it = records.find(versionKey(version));
            if (it == records.end())
                break;
            changes.push_front(parseChange(it->second.value));
        }
    }
    try
    {
        return SharedDocument(head.text, head.version, _limits.keptChanges, std::move(changes));
    }
    catch (const Poco::InvalidArgumentException&)
    {
        // Changes that do not lead to the head are no use to rebase against:
        // a change based on a version before it is answered as stale.
        return SharedDocument(head.text, head.version, _limits.keptChanges);
    }
}

TextOperation DocumentBoard::rebase(const SharedDocument& document, const Change& change) const
{
    if (change.base > document.version())
        throw Poco::InvalidArgumentException("base " + Poco::NumberFormatter::format(change.base) +
                                             " is ahead of the document's version " +
                                             Poco::NumberFormatter::format(document.version()));
    const TextOperation rebased = document.rebase(
        change.base, TextEdits::parse(change.edits, document.lengthAt(change.base), _limits.maxEdits));
    if (rebased.targetLength() > _limits.maxCharacters && rebased.targetLength() > rebased.baseLength())
        throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                        "a document holds at most " + Poco::NumberFormatter::format(_limits.maxCharacters) +
                            " characters");
    return rebased;
}

FeedState::Write DocumentBoard::countWrite() const
{
    const std::optional<FeedState::Record> record = _state.get(CATALOG, DOCUMENT_COUNT);
    const std::size_t count = record ? Poco::NumberParser::parseUnsigned64(record->value) : 0;
    if (count >= _limits.maxDocuments)
        throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                        "the hub holds its maximum of " +
                            Poco::NumberFormatter::format(_limits.maxDocuments) + " documents");
    // Expecting the count's version, so hubs making documents at once take turns.
    return {CATALOG, DOCUMENT_COUNT, record ? record->version : FeedState::ABSENT,
            Poco::NumberFormatter::format(count + 1)};
}

std::size_t DocumentBoard::size() const
{
    const std::optional<FeedState::Record> record = _state.get(CATALOG, DOCUMENT_COUNT);
    return record ? Poco::NumberParser::parseUnsigned64(record->value) : 0;
}

void DocumentBoard::checkName(const std::string& name)
{
    bool valid = !name.empty() && name.size() <= 64;
    for (char c : name)
        valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
    if (!valid)
        throw Poco::InvalidArgumentException("invalid document name '" + name +
                                             "': use 1 to 64 characters from A-Z a-z 0-9 _ - .");
}

std::shared_ptr<DocumentBoard::Entry> DocumentBoard::entryOf(const std::string& name)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::shared_ptr<Entry>& entry = _documents[name];
    if (!entry)
        entry = std::make_shared<Entry>();
    return entry;
}

void DocumentBoard::forget(const std::string& name, const std::shared_ptr<Entry>& entry)
{
    std::lock_guard<std::mutex> lock(_mutex);
    const auto it = _documents.find(name);
    if (it != _documents.end() && it->second == entry)
        _documents.erase(it);
}

} // namespace feedhub::collab
