//
// DocumentBoard.cpp
//

#include "DocumentBoard.h"
#include "CodePoints.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "TextEdits.h"
#include "feedhub/HttpError.h"
#include <cctype>

namespace feedhub::collab
{

using Poco::Net::HTTPResponse;

DocumentBoard::DocumentBoard(Limits limits, std::unique_ptr<DocumentStore> store, Listener listener)
    : _limits(limits), _store(std::move(store)), _listener(std::move(listener))
{
    for (DocumentStore::Stored& stored : _store->load())
        _documents.emplace(stored.name,
                           std::make_shared<Entry>(SharedDocument(CodePoints::fromUtf8(stored.text),
                                                                  stored.version, _limits.keptChanges)));
}

DocumentBoard::Snapshot DocumentBoard::read(const std::string& name) const
{
    checkName(name);
    const std::shared_ptr<Entry> entry = find(name);
    if (!entry)
        return Snapshot{};
    std::lock_guard<std::mutex> lock(entry->mutex);
    return Snapshot{CodePoints::toUtf8(entry->document.text()), entry->document.version()};
}

DocumentBoard::Outcome DocumentBoard::submit(const std::string& name, const Change& change)
{
    checkName(name);
    std::shared_ptr<Entry> entry = find(name);
    if (!entry)
    {
        // Checked against an empty text first, so that a change that is not
        // one makes no document.
        rebase(SharedDocument(U"", 0, 1), change);
        entry = findOrCreate(name);
    }
    std::lock_guard<std::mutex> lock(entry->mutex);
    SharedDocument& document = entry->document;
    if (change.base < document.oldestBase())
        return Outcome{true, Snapshot{CodePoints::toUtf8(document.text()), document.version()}};
    const TextOperation rebased = rebase(document, change);
    const std::u32string text = rebased.apply(document.text());
    _store->save(DocumentStore::Stored{name, CodePoints::toUtf8(text), document.version() + 1});
    document.apply(rebased);
    const Snapshot made{CodePoints::toUtf8(document.text()), document.version()};
    _listener(name, made.version, TextEdits::format(rebased), change);
    return Outcome{false, made};
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

std::size_t DocumentBoard::size() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _documents.size();
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

std::shared_ptr<DocumentBoard::Entry> DocumentBoard::find(const std::string& name) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _documents.find(name);
    return it == _documents.end() ? nullptr : it->second;
}

std::shared_ptr<DocumentBoard::Entry> DocumentBoard::findOrCreate(const std::string& name)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _documents.find(name);
    if (it != _documents.end())
        return it->second;
    if (_documents.size() >= _limits.maxDocuments)
        throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                        "the hub holds its maximum of " +
                            Poco::NumberFormatter::format(_limits.maxDocuments) + " documents");
    return _documents.emplace(name, std::make_shared<Entry>(SharedDocument(U"", 0, _limits.keptChanges)))
        .first->second;
}

} // namespace feedhub::collab
