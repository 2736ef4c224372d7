//
// ChatHandler.cpp
//

#include "ChatHandler.h"
#include "Poco/Glob.h"
#include "Poco/JSON/Object.h"
#include "feedhub/HttpError.h"
#include <algorithm>

namespace feedhub::chat
{

using Poco::Net::HTTPResponse;

namespace
{

Poco::JSON::Object::Ptr bodyObject(const HttpRequest& request, std::initializer_list<const char*> fields)
{
    const Poco::Dynamic::Var body = request.json();
    if (body.type() != typeid(Poco::JSON::Object::Ptr))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the body must be a JSON object");
    Poco::JSON::Object::Ptr object = body.extract<Poco::JSON::Object::Ptr>();
    for (const auto& member : *object)
    {
        const std::string& key = member.first;
        if (std::find_if(fields.begin(), fields.end(), [&key](const char* field) { return key == field; }) ==
            fields.end())
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "unknown field \"" + key + "\"");
    }
    return object;
}

std::string optionalString(const Poco::JSON::Object& object, const std::string& name)
{
    if (!object.has(name))
        return {};
    if (!object.get(name).isString())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" must be a string");
    return object.get(name).extract<std::string>();
}

std::string stringField(const Poco::JSON::Object& object, const std::string& name)
{
    if (!object.has(name) || !object.get(name).isString())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" must be a string");
    return object.get(name).extract<std::string>();
}

} // namespace

ChatHandler::ChatHandler(std::string folder, std::shared_ptr<ChatBoard> board,
                         std::shared_ptr<RateLimiter> limiter, std::vector<std::string> privateRooms,
                         FeedContext& context)
    : RouteHandler("GET, POST"), _folder(std::move(folder)), _board(std::move(board)),
      _limiter(std::move(limiter)), _privateRooms(std::move(privateRooms)), _context(context)
{
}

bool ChatHandler::matchesAny(const std::vector<std::string>& globs, const std::string& room)
{
    return std::any_of(globs.begin(), globs.end(),
                       [&room](const std::string& glob) { return Poco::Glob(glob).match(room); });
}

void ChatHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    const std::string rest = request.path().substr(_folder.size());
    const std::size_t slash = rest.find('/');
    const std::string room = rest.substr(0, slash);
    const std::string action = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (room.empty() && request.method() == "GET")
    {
        const Poco::JSON::Array::Ptr all = _board->rooms();
        Poco::JSON::Array::Ptr rooms = new Poco::JSON::Array;
        for (unsigned i = 0; i < all->size(); ++i)
        {
            const Poco::JSON::Object::Ptr room = all->getObject(i);
            if (!matchesAny(_privateRooms, room->getValue<std::string>("room")))
                rooms->add(room);
        }
        Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
        answer->set("rooms", rooms);
        reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, answer));
        return;
    }
    ChatBoard::checkName(room);
    if (matchesAny(_privateRooms, room))
    {
        // Private before its first event, then guarded as its topic is.
        _context.makePrivate(ChatBoard::topicOf(room));
        _context.authorizeSubscribe(request, ChatBoard::topicOf(room));
    }
    if (action != "" && action != "join" && action != "leave")
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "no route for " + request.path());
    if (request.method() == "GET")
    {
        if (!action.empty())
            throw HttpError(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, action + " takes POST");
        reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, _board->read(room)));
        return;
    }
    post(room, action, request, reply);
}

void ChatHandler::post(const std::string& room, const std::string& action, const HttpRequest& request,
                       const ReplyPtr& reply)
{
    // Claimed before the room's first event, so nobody publishes on its topic first.
    _context.claimTopic(ChatBoard::topicOf(room));
    if (action == "leave")
    {
        _board->leave(room, stringField(*bodyObject(request, {"member"}), "member"));
        Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
        answer->set("room", room);
        answer->set("left", true);
        reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, answer));
        return;
    }
    checkRate(request);
    if (action == "join")
    {
        const Poco::JSON::Object::Ptr body = bodyObject(request, {"nick", "member"});
        reply->send(
            HttpResponse::json(HTTPResponse::HTTP_CREATED, _board->join(room, stringField(*body, "nick"),
                                                                        optionalString(*body, "member"))));
        return;
    }
    const Poco::JSON::Object::Ptr body = bodyObject(request, {"user", "text", "member"});
    const std::string id = _board->post(room, stringField(*body, "user"), stringField(*body, "text"),
                                        optionalString(*body, "member"));
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    answer->set("id", id);
    reply->send(HttpResponse::json(HTTPResponse::HTTP_CREATED, answer));
}

void ChatHandler::checkRate(const HttpRequest& request) const
{
    if (!_limiter->take(request.clientAddress().host().toString()))
        throw HttpError(HTTPResponse::HTTP_TOO_MANY_REQUESTS,
                        "too many messages: wait a moment and send again");
}

} // namespace feedhub::chat
