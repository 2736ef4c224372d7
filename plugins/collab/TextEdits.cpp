//
// TextEdits.cpp
//

#include "TextEdits.h"
#include "CodePoints.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/NumberFormatter.h"

namespace feedhub::collab
{

namespace
{

std::size_t count(const Poco::JSON::Object& edit, const std::string& name, const std::string& which,
                  Poco::Int64 least)
{
    const Poco::Dynamic::Var value = edit.get(name);
    if (!value.isInteger() || value.convert<Poco::Int64>() < least)
        throw Poco::InvalidArgumentException(which + ": \"" + name +
                                             "\" must be a whole number of at least " +
                                             Poco::NumberFormatter::format(least));
    return static_cast<std::size_t>(value.convert<Poco::Int64>());
}

TextOperation parseEdit(const Poco::Dynamic::Var& item, std::size_t length, const std::string& which)
{
    if (item.type() != typeid(Poco::JSON::Object::Ptr))
        throw Poco::InvalidArgumentException(which + " must be an object {\"at\":N,\"insert\":\"...\"} or "
                                                     "{\"at\":N,\"delete\":COUNT}");
    const Poco::JSON::Object& edit = *item.extract<Poco::JSON::Object::Ptr>();
    if (!edit.has("at"))
        throw Poco::InvalidArgumentException(which + " has no \"at\"");
    if (edit.has("insert") == edit.has("delete") || edit.size() != 2)
        throw Poco::InvalidArgumentException(which +
                                             " must have \"at\" and one of \"insert\" and \"delete\"");
    const std::size_t at = count(edit, "at", which, 0);
    try
    {
        if (edit.has("delete"))
            return TextOperation::deletion(length, at, count(edit, "delete", which, 1));
        const Poco::Dynamic::Var text = edit.get("insert");
        if (!text.isString() || text.extract<std::string>().empty())
            throw Poco::InvalidArgumentException("\"insert\" must be a string that is not empty");
        return TextOperation::insertion(length, at, CodePoints::fromUtf8(text.extract<std::string>()));
    }
    catch (Poco::InvalidArgumentException& error)
    {
        throw Poco::InvalidArgumentException(which + ": " + error.message());
    }
}

} // namespace

TextOperation TextEdits::parse(const Poco::Dynamic::Var& edits, std::size_t length, std::size_t maxEdits)
{
    if (edits.type() != typeid(Poco::JSON::Array::Ptr))
        throw Poco::InvalidArgumentException("\"ops\" must be an array of edits");
    const Poco::JSON::Array& list = *edits.extract<Poco::JSON::Array::Ptr>();
    if (list.size() > maxEdits)
        throw Poco::InvalidArgumentException("a change holds at most " +
                                             Poco::NumberFormatter::format(maxEdits) + " edits");
    TextOperation change;
    change.retain(length);
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        const std::string which = "edit " + Poco::NumberFormatter::format(i);
        change = TextOperation::compose(
            change, parseEdit(list.get(static_cast<unsigned>(i)), change.targetLength(), which));
    }
    return change;
}

Poco::JSON::Array::Ptr TextEdits::format(const TextOperation& operation)
{
    Poco::JSON::Array::Ptr edits = new Poco::JSON::Array;
    std::size_t at = 0;
    for (const TextOperation::Part& part : operation.parts())
    {
        Poco::JSON::Object::Ptr edit = new Poco::JSON::Object;
        switch (part.kind)
        {
        case TextOperation::Kind::RETAIN:
            at += part.count;
            continue;
        case TextOperation::Kind::INSERT:
            edit->set("at", at);
            edit->set("insert", CodePoints::toUtf8(part.text));
            at += part.count;
            break;
        case TextOperation::Kind::DELETE:
            edit->set("at", at);
            edit->set("delete", part.count);
            break;
        }
        edits->add(edit);
    }
    return edits;
}

} // namespace feedhub::collab
