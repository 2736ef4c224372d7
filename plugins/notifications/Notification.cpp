//
// Notification.cpp
//

#include "Notification.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/String.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"
#include <algorithm>

namespace feedhub::notifications
{

namespace
{

std::string requiredString(const Poco::JSON::Object& object, const std::string& name)
{
    if (!object.has(name) || object.isNull(name))
        throw Poco::InvalidArgumentException("\"" + name + "\" is required");
    const Poco::Dynamic::Var value = object.get(name);
    if (!value.isString())
        throw Poco::InvalidArgumentException("\"" + name + "\" must be a string");
    const std::string text = value.extract<std::string>();
    if (Poco::trim(text).empty())
        throw Poco::InvalidArgumentException("\"" + name + "\" must not be empty");
    return text;
}

} // namespace

Notification::Notification(std::string type, std::string message, Poco::Dynamic::Var data)
    : _type(std::move(type)), _message(std::move(message)), _data(std::move(data))
{
}

Notification Notification::parse(const Poco::Dynamic::Var& body, const std::vector<std::string>& allowedTypes)
{
    if (body.type() != typeid(Poco::JSON::Object::Ptr))
        throw Poco::InvalidArgumentException("the body must be a JSON object with \"type\" and \"message\"");
    const Poco::JSON::Object& object = *body.extract<Poco::JSON::Object::Ptr>();
    std::string type = requiredString(object, "type");
    if (std::find(allowedTypes.begin(), allowedTypes.end(), type) == allowedTypes.end())
        throw Poco::InvalidArgumentException("\"type\" must be one of: " + Poco::cat(std::string(", "),
                                                                                     allowedTypes.begin(),
                                                                                     allowedTypes.end()));
    std::string message = requiredString(object, "message");
    return Notification(std::move(type), std::move(message),
                        object.has("data") ? object.get("data") : Poco::Dynamic::Var());
}

std::string Notification::eventData(const Poco::Timestamp& time) const
{
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("type", _type);
    data->set("message", _message);
    if (!_data.isEmpty())
        data->set("data", _data);
    data->set("time", IsoTime::format(time));
    return JsonText::format(data);
}

} // namespace feedhub::notifications
