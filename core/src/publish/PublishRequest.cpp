//
// PublishRequest.cpp
//

#include "publish/PublishRequest.h"
#include "Poco/Net/HTMLForm.h"
#include "Poco/Net/MediaType.h"
#include "publish/PublicationJsonHandler.h"
#include "feedhub/HttpError.h"
#include "http/RequestBody.h"
#include <algorithm>
#include <cctype>
#include <sstream>

namespace feedhub
{

using Poco::Net::HTTPResponse;

namespace
{

enum class BodyKind
{
    FORM,
    JSON,
    OTHER
};

BodyKind bodyKind(const std::string& contentType)
{
    // A publisher sends the same Content-Type request after request, and
    // parsing it was a twentieth of a publish: the last one is remembered.
    thread_local std::string lastType;
    thread_local BodyKind lastKind = BodyKind::OTHER;
    if (contentType != lastType)
    {
        const Poco::Net::MediaType type(contentType);
        if (type.matches("application", "x-www-form-urlencoded"))
            lastKind = BodyKind::FORM;
        else if (type.matches("application", "json"))
            lastKind = BodyKind::JSON;
        else
            lastKind = BodyKind::OTHER;
        lastType = contentType;
    }
    return lastKind;
}

char firstNonSpace(const std::string& body)
{
    const std::size_t at = body.find_first_not_of(" \t\r\n");
    return at == std::string::npos ? '\0' : body[at];
}

bool looksLikeJson(const std::string& body)
{
    // An event or a batch. A form from a browser never starts so: it
    // percent-encodes { and [.
    const char first = firstNonSpace(body);
    return first == '{' || first == '[';
}

bool looksLikeForm(const std::string& body)
{
    // name=value...: what comes before the first = is a field's name, where
    // JSON would have a { [ " or :.
    const std::size_t equals = body.find('=');
    if (equals == 0 || equals == std::string::npos)
        return false;
    return std::all_of(body.begin(), body.begin() + static_cast<long>(equals), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '%' || c == '+';
    });
}

HttpError jsonWithoutItsType(const std::string& contentType)
{
    // Not taken as JSON: what a body is comes from its Content-Type, and JSON
    // needs a type a cross-site form cannot send (it makes the browser ask first).
    return HttpError(HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                     "the body is JSON but " +
                         (contentType.empty() ? std::string("the request has no Content-Type")
                                              : "its Content-Type is '" + contentType + "'" +
                                                    (bodyKind(contentType) == BodyKind::FORM
                                                         ? " (what curl -d sends)"
                                                         : std::string())) +
                         ": send the header Content-Type: application/json");
}

void appendQuoted(std::string& json, const std::string& text)
{
    json += '"';
    json += text;
    json += '"';
}

} // namespace

std::vector<Publication> PublishRequest::read(const HttpRequest& request)
{
    if (!request.rawQuery().empty())
        return {readRaw(request)};
    const std::string& contentType = request.head().getContentType();
    switch (bodyKind(contentType))
    {
    case BodyKind::FORM:
        if (looksLikeJson(request.body()))
            throw jsonWithoutItsType(contentType);
        return readForm(request);
    case BodyKind::JSON:
        try
        {
            return readJson(request.body());
        }
        catch (const HttpError&)
        {
            if (!looksLikeForm(request.body()))
                throw;
            throw HttpError(HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                            "the body is a form (name=value&...) but its Content-Type is application/json: "
                            "send Content-Type: application/x-www-form-urlencoded, or the body as JSON "
                            "{\"topic\": ..., \"data\": ...}");
        }
    case BodyKind::OTHER:
        break;
    }
    if (looksLikeJson(request.body()))
        throw jsonWithoutItsType(contentType);
    throw HttpError(HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json or application/x-www-form-urlencoded, "
                    "or the query must name the topic");
}

std::string PublishRequest::answer(const std::vector<EventPtr>& events)
{
    // Written directly, ids quoted as they are (see Event::id): through
    // Poco::JSON::Object and its Stringifier this answer cost a third of a
    // publish, and escaping each id a twelfth.
    std::size_t size = 24;
    for (const EventPtr& event : events)
        size += 2 * (event->id().size() + 3);
    std::string answer;
    answer.reserve(size);
    answer += "{\"id\":";
    if (events.empty())
        answer += "null";
    else
        appendQuoted(answer, events.back()->id());
    answer += ",\"ids\":[";
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        if (i > 0)
            answer += ',';
        appendQuoted(answer, events[i]->id());
    }
    answer += "]}";
    return answer;
}

std::vector<Publication> PublishRequest::readJson(const std::string& body)
{
    const Poco::SharedPtr<PublicationJsonHandler> handler = new PublicationJsonHandler;
    RequestBody::parseJson(body, handler);
    return handler->publications();
}

Publication PublishRequest::readRaw(const HttpRequest& request)
{
    Publication publication;
    bool named = false;
    for (const auto& [name, value] : request.query())
    {
        if (name == "topic")
        {
            publication.topic = value;
            named = true;
        }
        else if (name == "type")
            publication.type = value;
        else
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                            "unknown query parameter '" + name + "': /publish takes topic and type");
    }
    if (!named)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"topic\" is required in the query");
    publication.data = request.body();
    return publication;
}

std::vector<Publication> PublishRequest::readForm(const HttpRequest& request)
{
    std::istringstream in(request.body());
    Poco::Net::HTMLForm form;
    form.load(request.head(), in);
    if (!form.has("topic"))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"topic\" is required");
    Publication publication;
    publication.topic = form.get("topic");
    publication.type = form.get("type", publication.type);
    publication.data = form.get("data", "");
    return {publication};
}

} // namespace feedhub
