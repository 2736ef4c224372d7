//
// ChatHandler.h
//
// Definition of the ChatHandler class.
//

#ifndef feedhub_chat_ChatHandler_INCLUDED
#define feedhub_chat_ChatHandler_INCLUDED

#include "ChatBoard.h"
#include "ChatRules.h"
#include "feedhub/RouteHandler.h"
#include <memory>
#include <string>

namespace feedhub::chat
{

class ChatHandler : public RouteHandler
    /// The chat's routes under its folder (/api/chat/):
    ///
    ///   GET  <folder>                   {"rooms":[{"room","members","messages"}...]}
    ///   GET  <folder><room>             {"room","messages":[...],"members":[...]}
    ///   POST <folder><room>             {"user","text","member"?} -> 201 {"id"}
    ///   POST <folder><room>/join        {"nick","member"?} -> 201 {"room","nick","member"}
    ///   POST <folder><room>/leave       {"nick","member"} -> 200 {"room","left":true}
    ///
    /// A member proves its nickname with the member token its join answered
    /// (in the body: the Authorization header stays the hub's).
    /// Every request about a room goes through rules (ChatRules): messages
    /// and joins count against the client address's rate (429 past it), a
    /// private room needs a hub token whose subscribe claim covers
    /// chat.<room>; the room list leaves private rooms out.
{
public:
    ChatHandler(std::string folder, std::shared_ptr<ChatBoard> board, std::shared_ptr<const ChatRules> rules);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    void post(const std::string& room, const std::string& action, const HttpRequest& request,
              const ReplyPtr& reply);

    std::string _folder;
    std::shared_ptr<ChatBoard> _board;
    std::shared_ptr<const ChatRules> _rules;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatHandler_INCLUDED
