//
// TextOperation.cpp
//

#include "TextOperation.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include <algorithm>
#include <optional>

namespace feedhub::collab
{

namespace
{

using Kind = TextOperation::Kind;
using Part = TextOperation::Part;

class PartReader
    /// Reads an operation's parts one at a time, handing out a part's front
    /// and keeping its rest, as compose() and transform() consume them.
{
public:
    explicit PartReader(const std::vector<Part>& parts) : _parts(parts) { advance(); }

    const std::optional<Part>& current() const { return _current; }

    void take(std::size_t count)
        /// Consumes count code points of the current part.
    {
        if (count == _current->count)
            advance();
        else
        {
            _current->count -= count;
            if (_current->kind == Kind::INSERT)
                _current->text.erase(0, count);
        }
    }

private:
    void advance()
    {
        if (_next < _parts.size())
            _current = _parts[_next++];
        else
            _current.reset();
    }

    const std::vector<Part>& _parts;
    std::size_t _next = 0;
    std::optional<Part> _current;
};

std::string number(std::size_t value)
{
    return Poco::NumberFormatter::format(value);
}

Poco::InvalidArgumentException mismatch(const char* what)
{
    return Poco::InvalidArgumentException(std::string("changes do not fit: ") + what);
}

} // namespace

bool TextOperation::Part::operator==(const Part& other) const
{
    return kind == other.kind && count == other.count && text == other.text;
}

TextOperation& TextOperation::retain(std::size_t count)
{
    if (count == 0)
        return *this;
    _baseLength += count;
    _targetLength += count;
    if (!_parts.empty() && _parts.back().kind == Kind::RETAIN)
        _parts.back().count += count;
    else
        _parts.push_back(Part{Kind::RETAIN, count, {}});
    return *this;
}

TextOperation& TextOperation::insert(const std::u32string& text)
{
    if (text.empty())
        return *this;
    _targetLength += text.size();
    // An insert goes before a delete that ends the parts, so that "delete then
    // insert" and "insert then delete" at one place are one normal form.
    std::size_t at = _parts.size();
    if (at > 0 && _parts[at - 1].kind == Kind::DELETE)
        --at;
    if (at > 0 && _parts[at - 1].kind == Kind::INSERT)
    {
        _parts[at - 1].text += text;
        _parts[at - 1].count += text.size();
    }
    else
        _parts.insert(_parts.begin() + static_cast<std::ptrdiff_t>(at),
                      Part{Kind::INSERT, text.size(), text});
    return *this;
}

TextOperation& TextOperation::remove(std::size_t count)
{
    if (count == 0)
        return *this;
    _baseLength += count;
    if (!_parts.empty() && _parts.back().kind == Kind::DELETE)
        _parts.back().count += count;
    else
        _parts.push_back(Part{Kind::DELETE, count, {}});
    return *this;
}

bool TextOperation::isNoop() const
{
    return _parts.empty() || (_parts.size() == 1 && _parts[0].kind == Kind::RETAIN);
}

std::u32string TextOperation::apply(const std::u32string& text) const
{
    if (text.size() != _baseLength)
        throw Poco::InvalidArgumentException("the change is for a text of " + number(_baseLength) +
                                             " characters, not " + number(text.size()));
    std::u32string result;
    result.reserve(_targetLength);
    std::size_t at = 0;
    for (const Part& part : _parts)
    {
        switch (part.kind)
        {
        case Kind::RETAIN:
            result.append(text, at, part.count);
            at += part.count;
            break;
        case Kind::INSERT:
            result += part.text;
            break;
        case Kind::DELETE:
            at += part.count;
            break;
        }
    }
    return result;
}

TextOperation TextOperation::insertion(std::size_t length, std::size_t at, const std::u32string& text)
{
    if (at > length)
        throw Poco::InvalidArgumentException("insert at " + number(at) + " is past the end of the text (" +
                                             number(length) + " characters)");
    TextOperation operation;
    operation.retain(at).insert(text).retain(length - at);
    return operation;
}

TextOperation TextOperation::deletion(std::size_t length, std::size_t at, std::size_t count)
{
    if (at > length || count > length - at)
        throw Poco::InvalidArgumentException("delete of " + number(count) + " at " + number(at) +
                                             " goes past the end of the text (" + number(length) +
                                             " characters)");
    TextOperation operation;
    operation.retain(at).remove(count).retain(length - at - count);
    return operation;
}

TextOperation TextOperation::compose(const TextOperation& first, const TextOperation& second)
{
    if (first._targetLength != second._baseLength)
        throw mismatch("the second does not apply to what the first makes");
    TextOperation result;
    PartReader a(first._parts);
    PartReader b(second._parts);
    while (a.current() || b.current())
    {
        if (a.current() && a.current()->kind == Kind::DELETE)
        {
            result.remove(a.current()->count);
            a.take(a.current()->count);
            continue;
        }
        if (b.current() && b.current()->kind == Kind::INSERT)
        {
            result.insert(b.current()->text);
            b.take(b.current()->count);
            continue;
        }
        if (!a.current() || !b.current())
            throw mismatch("one ends before the other");
        const Part& x = *a.current();
        const Part& y = *b.current();
        const std::size_t count = std::min(x.count, y.count);
        if (x.kind == Kind::RETAIN && y.kind == Kind::RETAIN)
            result.retain(count);
        else if (x.kind == Kind::INSERT && y.kind == Kind::RETAIN)
            result.insert(x.text.substr(0, count));
        else if (x.kind == Kind::RETAIN && y.kind == Kind::DELETE)
            result.remove(count);
        // An insert the second deletes again leaves nothing.
        a.take(count);
        b.take(count);
    }
    return result;
}

std::pair<TextOperation, TextOperation> TextOperation::transform(const TextOperation& earlier,
                                                                 const TextOperation& later)
{
    if (earlier._baseLength != later._baseLength)
        throw mismatch("they are for texts of different lengths");
    TextOperation earlierAfter;
    TextOperation laterAfter;
    PartReader a(earlier._parts);
    PartReader b(later._parts);
    while (a.current() || b.current())
    {
        // Inserts first, the earlier change's before the later's at one place.
        if (a.current() && a.current()->kind == Kind::INSERT)
        {
            earlierAfter.insert(a.current()->text);
            laterAfter.retain(a.current()->count);
            a.take(a.current()->count);
            continue;
        }
        if (b.current() && b.current()->kind == Kind::INSERT)
        {
            earlierAfter.retain(b.current()->count);
            laterAfter.insert(b.current()->text);
            b.take(b.current()->count);
            continue;
        }
        if (!a.current() || !b.current())
            throw mismatch("one ends before the other");
        const Kind x = a.current()->kind;
        const Kind y = b.current()->kind;
        const std::size_t count = std::min(a.current()->count, b.current()->count);
        if (x == Kind::RETAIN && y == Kind::RETAIN)
        {
            earlierAfter.retain(count);
            laterAfter.retain(count);
        }
        else if (x == Kind::DELETE && y == Kind::RETAIN)
            earlierAfter.remove(count);
        else if (x == Kind::RETAIN && y == Kind::DELETE)
            laterAfter.remove(count);
        // Text both delete is gone once: neither deletes it again.
        a.take(count);
        b.take(count);
    }
    return {earlierAfter, laterAfter};
}

bool TextOperation::operator==(const TextOperation& other) const
{
    return _baseLength == other._baseLength && _parts == other._parts;
}

} // namespace feedhub::collab
