//
// PublishHandler.cpp
//

#include "PublishHandler.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Stringifier.h"
#include "Poco/JSONString.h"
#include "Poco/Net/HTMLForm.h"
#include "Poco/Net/MediaType.h"
#include "feedhub/HttpError.h"
#include "feedhub/JsonResponse.h"
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

PublishHandler::PublishHandler(Hub& hub) : RouteHandler("POST", hub.settings().corsOrigin), _hub(hub) {}

void PublishHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const Poco::Net::MediaType type(request.getContentType());
    std::vector<Publication> publications;
    if (type.matches("application", "x-www-form-urlencoded"))
        publications = readForm(request);
    else
        publications = readJson(request);

    const std::vector<EventPtr> events = _hub.bus().publish(publications);

    // {"id": last id, "ids": [every id]}, written directly: through
    // Poco::JSON::Object and its Stringifier this answer cost a third of a publish.
    std::string body = "{\"id\":" + Poco::toJSON(events.back()->id()) + ",\"ids\":[";
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        if (i > 0)
            body += ',';
        body += Poco::toJSON(events[i]->id());
    }
    body += "]}";
    JsonResponse::sendText(response, HTTPResponse::HTTP_CREATED, body);
}

std::vector<Publication> PublishHandler::readJson(Poco::Net::HTTPServerRequest& request)
{
    const Poco::Dynamic::Var body = RequestBody::readJson(request, _hub.settings().maxBodyBytes);
    std::vector<Publication> publications;
    if (body.type() == typeid(Poco::JSON::Array::Ptr))
    {
        const Poco::JSON::Array::Ptr array = body.extract<Poco::JSON::Array::Ptr>();
        if (array->size() == 0 || array->size() > MAX_BATCH)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "a batch holds 1 to 1000 events");
        for (std::size_t i = 0; i < array->size(); ++i)
            publications.push_back(fromJson(array->get(static_cast<unsigned>(i))));
    }
    else
    {
        publications.push_back(fromJson(body));
    }
    return publications;
}

std::vector<Publication> PublishHandler::readForm(Poco::Net::HTTPServerRequest& request)
{
    std::istringstream body(RequestBody::read(request, _hub.settings().maxBodyBytes));
    Poco::Net::HTMLForm form;
    form.load(request, body);
    if (!form.has("topic"))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"topic\" is required");
    Publication publication;
    publication.topic = form.get("topic");
    publication.type = form.get("type", publication.type);
    publication.data = form.get("data", "");
    return {publication};
}

Publication PublishHandler::fromJson(const Poco::Dynamic::Var& value)
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
