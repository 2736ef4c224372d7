//
// PublishRequest.cpp
//

#include "PublishRequest.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/JSONString.h"
#include "Poco/Net/HTMLForm.h"
#include "Poco/Net/MediaType.h"
#include "feedhub/HttpError.h"
#include "feedhub/RequestBody.h"
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

constexpr std::size_t MAX_BATCH = 1000;

std::string stringField(const Poco::JSON::Object& object, const std::string& name, bool required)
{
    if (!object.has(name) || object.isNull(name))
    {
        if (required)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" is required");
        return std::string();
    }
    const Poco::Dynamic::Var value = object.get(name);
    if (!value.isString())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" must be a string");
    return value.extract<std::string>();
}

} // namespace

std::vector<Publication> PublishRequest::read(const Poco::Net::HTTPRequest& request, const std::string& body)
{
    const Poco::Net::MediaType type(request.getContentType());
    if (type.matches("application", "x-www-form-urlencoded"))
        return readForm(request, body);
    if (type.matches("application", "json"))
        return readJson(body);
    throw HttpError(HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json or application/x-www-form-urlencoded");
}

std::string PublishRequest::answer(const std::vector<EventPtr>& events)
{
    // Written directly: through Poco::JSON::Object and its Stringifier this
    // answer cost a third of a publish.
    std::string ids;
    std::string lastId;
    for (const EventPtr& event : events)
    {
        lastId = Poco::toJSON(event->id());
        if (!ids.empty())
            ids += ',';
        ids += lastId;
    }
    return "{\"id\":" + lastId + ",\"ids\":[" + ids + "]}";
}

std::vector<Publication> PublishRequest::readJson(const std::string& body)
{
    const Poco::Dynamic::Var json = RequestBody::parseJson(body);
    std::vector<Publication> publications;
    if (json.type() == typeid(Poco::JSON::Array::Ptr))
    {
        const Poco::JSON::Array::Ptr array = json.extract<Poco::JSON::Array::Ptr>();
        if (array->size() == 0 || array->size() > MAX_BATCH)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "a batch holds 1 to 1000 events");
        for (std::size_t i = 0; i < array->size(); ++i)
            publications.push_back(fromJson(array->get(static_cast<unsigned>(i))));
    }
    else
    {
        publications.push_back(fromJson(json));
    }
    return publications;
}

std::vector<Publication> PublishRequest::readForm(const Poco::Net::HTTPRequest& request,
                                                  const std::string& body)
{
    std::istringstream in(body);
    Poco::Net::HTMLForm form;
    form.load(request, in);
    if (!form.has("topic"))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"topic\" is required");
    Publication publication;
    publication.topic = form.get("topic");
    publication.type = form.get("type", publication.type);
    publication.data = form.get("data", "");
    return {publication};
}

Publication PublishRequest::fromJson(const Poco::Dynamic::Var& value)
{
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "an event must be a JSON object with \"topic\"");
    const Poco::JSON::Object& object = *value.extract<Poco::JSON::Object::Ptr>();
    Publication publication;
    publication.topic = stringField(object, "topic", true);
    const std::string type = stringField(object, "type", false);
    if (!type.empty())
        publication.type = type;
    if (object.has("data"))
    {
        const Poco::Dynamic::Var data = object.get("data");
        if (data.isString())
        {
            publication.data = data.extract<std::string>();
        }
        else
        {
            std::ostringstream text;
            Poco::JSON::Stringifier::stringify(data, text);
            publication.data = text.str();
        }
    }
    return publication;
}

} // namespace feedhub
