//
// ChatHandler.cpp
//

#include "ChatHandler.h"
#include "Poco/JSON/Object.h"
#include "feedhub/HttpError.h"

namespace feedhub::chat
{

using Poco::Net::HTTPResponse;

namespace
{

const std::string BODY = "the body";

} // namespace

ChatHandler::ChatHandler(std::string folder, std::shared_ptr<ChatBoard> board,
                         std::shared_ptr<const ChatRules> rules)
    : RouteHandler("GET, POST"), _folder(std::move(folder)), _board(std::move(board)),
      _rules(std::move(rules))
{
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
            if (!_rules->isPrivate(room->getValue<std::string>("room")))
                rooms->add(room);
        }
        Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
        answer->set("rooms", rooms);
        reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, answer));
        return;
    }
    _rules->enter(request, room);
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
    if (action == "leave")
    {
        _rules->claim(room);
        const ChatBody body(request.json(), {"nick", "member"}, BODY);
        _board->leave(room, body.string("nick"), body.string("member"));
        Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
        answer->set("room", room);
        answer->set("left", true);
        reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, answer));
        return;
    }
    if (action == "join")
    {
        _rules->claim(room);
        _rules->checkRate(request);
        const ChatBody body(request.json(), {"nick", "member"}, BODY);
        reply->send(
            HttpResponse::json(HTTPResponse::HTTP_CREATED,
                               _board->join(room, body.string("nick"), body.optionalString("member"))));
        return;
    }
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    answer->set("id",
                _rules->post(request, room, ChatBody(request.json(), {"user", "text", "member"}, BODY)));
    reply->send(HttpResponse::json(HTTPResponse::HTTP_CREATED, answer));
}

} // namespace feedhub::chat
