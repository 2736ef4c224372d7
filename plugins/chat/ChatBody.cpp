//
// ChatBody.cpp
//

#include "ChatBody.h"
#include "feedhub/HttpError.h"
#include <algorithm>

namespace feedhub::chat
{

using Poco::Net::HTTPResponse;

ChatBody::ChatBody(const Poco::Dynamic::Var& json, std::initializer_list<const char*> fields,
                   const std::string& what)
{
    if (json.type() != typeid(Poco::JSON::Object::Ptr))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, what + " must be a JSON object");
    _object = json.extract<Poco::JSON::Object::Ptr>();
    for (const auto& member : *_object)
    {
        const std::string& key = member.first;
        if (std::find_if(fields.begin(), fields.end(), [&key](const char* field) { return key == field; }) ==
            fields.end())
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "unknown field \"" + key + "\"");
    }
}

std::string ChatBody::string(const std::string& name) const
{
    if (!_object->has(name) || !_object->get(name).isString())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" must be a string");
    return _object->get(name).extract<std::string>();
}

std::string ChatBody::optionalString(const std::string& name) const
{
    return _object->has(name) ? string(name) : std::string();
}

} // namespace feedhub::chat
