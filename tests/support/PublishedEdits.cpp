//
// PublishedEdits.cpp
//

#include "PublishedEdits.h"
#include "Poco/JSON/Object.h"

std::string PublishedEdits::apply(std::string text, const Poco::JSON::Array::Ptr& ops)
{
    for (std::size_t i = 0; i < ops->size(); ++i)
    {
        const Poco::JSON::Object::Ptr edit = ops->getObject(static_cast<unsigned>(i));
        const std::size_t at = edit->getValue<std::size_t>("at");
        if (edit->has("insert"))
            text.insert(at, edit->getValue<std::string>("insert"));
        else
            text.erase(at, edit->getValue<std::size_t>("delete"));
    }
    return text;
}
