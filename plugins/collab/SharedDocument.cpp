//
// SharedDocument.cpp
//

#include "SharedDocument.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"

namespace feedhub::collab
{

SharedDocument::SharedDocument(std::u32string text, Poco::Int64 version, std::size_t keptChanges,
                               std::deque<TextOperation> changes)
    : _text(std::move(text)), _version(version), _keptChanges(keptChanges < 1 ? 1 : keptChanges),
      _changes(std::move(changes))
{
    while (_changes.size() > _keptChanges)
        _changes.pop_front();
    if (_changes.size() > static_cast<std::size_t>(_version))
        throw Poco::InvalidArgumentException("more changes than versions");
    for (std::size_t i = 1; i < _changes.size(); ++i)
    {
        if (_changes[i].baseLength() != _changes[i - 1].targetLength())
            throw Poco::InvalidArgumentException("the changes do not follow each other");
    }
    if (!_changes.empty() && _changes.back().targetLength() != _text.size())
        throw Poco::InvalidArgumentException("the changes do not lead to the text");
}

Poco::Int64 SharedDocument::oldestBase() const
{
    return _version - static_cast<Poco::Int64>(_changes.size());
}

std::size_t SharedDocument::lengthAt(Poco::Int64 base) const
{
    if (base < oldestBase() || base > _version)
        throw Poco::InvalidArgumentException("version " + Poco::NumberFormatter::format(base) +
                                             " is not kept");
    if (base == _version)
        return _text.size();
    return _changes[static_cast<std::size_t>(base - oldestBase())].baseLength();
}

TextOperation SharedDocument::rebase(Poco::Int64 base, TextOperation change) const
{
    if (base > _version)
        throw Poco::InvalidArgumentException("base " + Poco::NumberFormatter::format(base) +
                                             " is ahead of the document's version " +
                                             Poco::NumberFormatter::format(_version));
    if (change.baseLength() != lengthAt(base))
        throw Poco::InvalidArgumentException("the change is not for the text at version " +
                                             Poco::NumberFormatter::format(base));
    for (auto it = _changes.begin() + (base - oldestBase()); it != _changes.end(); ++it)
        change = TextOperation::transform(*it, change).second;
    return change;
}

void SharedDocument::apply(const TextOperation& change)
{
    _text = change.apply(_text);
    _changes.push_back(change);
    if (_changes.size() > _keptChanges)
        _changes.pop_front();
    ++_version;
}

} // namespace feedhub::collab
