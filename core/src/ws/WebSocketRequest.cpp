//
// WebSocketRequest.cpp
//

#include "ws/WebSocketRequest.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/JSONString.h"
#include "Poco/NumberFormatter.h"
#include "bus/EventCursor.h"
#include "feedhub/HttpError.h"
#include "feedhub/TopicName.h"
#include "publish/PublishRequest.h"
#include <algorithm>

namespace feedhub
{

namespace
{

std::string refText(const Poco::Dynamic::Var& ref)
{
    if (ref.isString())
        return Poco::toJSON(ref.extract<std::string>());
    if (ref.isNumeric() && !ref.isBoolean())
        return ref.toString();
    throw Poco::InvalidArgumentException("\"ref\" must be a string or a number");
}

std::vector<std::string> readTopics(const Poco::JSON::Object& message, std::size_t limit)
{
    const Poco::JSON::Array::Ptr list = message.getArray("topics");
    if (!list || list->size() == 0)
        throw Poco::InvalidArgumentException("\"topics\" must be a non-empty array of topic names");
    std::vector<std::string> topics;
    for (std::size_t i = 0; i < list->size(); ++i)
    {
        const Poco::Dynamic::Var name = list->get(static_cast<unsigned>(i));
        if (!name.isString())
            throw Poco::InvalidArgumentException("\"topics\" must hold topic names (strings)");
        const std::string topic = name.extract<std::string>();
        TopicName::check(topic);
        if (std::find(topics.begin(), topics.end(), topic) == topics.end())
            topics.push_back(topic);
    }
    if (topics.size() > limit)
        throw Poco::InvalidArgumentException("too many topics: at most " +
                                             Poco::NumberFormatter::format(limit) + " per connection");
    return topics;
}

void readSubscription(WebSocketRequest& request, const Poco::JSON::Object& message, std::size_t limit)
{
    request.topics = readTopics(message, limit);
    if (request.op != WebSocketRequest::Op::SUBSCRIBE || !message.has("lastEventId"))
        return;
    const Poco::Dynamic::Var lastId = message.get("lastEventId");
    if (lastId.isEmpty())
        return;
    if (!lastId.isString())
        throw Poco::InvalidArgumentException("\"lastEventId\" must be an event id (a string)");
    request.resumeAfter = EventCursor::parse(lastId.extract<std::string>());
}

void read(WebSocketRequest& request, const std::string& text, const WebSocketRequest::Limits& limits)
{
    Poco::JSON::Object::Ptr message;
    try
    {
        const Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(text);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr))
            message = parsed.extract<Poco::JSON::Object::Ptr>();
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::InvalidArgumentException("malformed JSON: " + exc.message());
    }
    if (!message)
        throw Poco::InvalidArgumentException("a message is a JSON object with an \"op\"");
    if (message->has("ref"))
        request.ref = refText(message->get("ref"));
    const Poco::Dynamic::Var op = message->get("op");
    const std::string name = op.isString() ? op.extract<std::string>() : std::string();
    if (name == "subscribe" || name == "unsubscribe")
    {
        request.op =
            name == "subscribe" ? WebSocketRequest::Op::SUBSCRIBE : WebSocketRequest::Op::UNSUBSCRIBE;
        readSubscription(request, *message, limits.maxTopics);
    }
    else if (name == "publish")
    {
        request.op = WebSocketRequest::Op::PUBLISH;
        if (text.size() > limits.maxPublishBytes)
            throw Poco::InvalidArgumentException("the publish is larger than the hub's limit of " +
                                                 Poco::NumberFormatter::format(limits.maxPublishBytes) +
                                                 " bytes");
        // The same reading as POST /publish's JSON body, which ignores "op" and "ref".
        request.publications = PublishRequest::readJson(text);
    }
    else
    {
        throw Poco::InvalidArgumentException("\"op\" must be \"subscribe\", \"unsubscribe\" or \"publish\"");
    }
}

} // namespace

WebSocketRequest WebSocketRequest::parse(const std::string& text, const Limits& limits)
{
    WebSocketRequest request;
    try
    {
        read(request, text, limits);
    }
    catch (const HttpError& error)
    {
        request.error = error.what();
    }
    catch (const Poco::Exception& exc)
    {
        request.error = exc.message();
    }
    if (!request.error.empty())
    {
        request.topics.clear();
        request.resumeAfter.reset();
        request.publications.clear();
    }
    return request;
}

} // namespace feedhub
