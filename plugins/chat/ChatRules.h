//
// ChatRules.h
//
// Definition of the ChatRules class.
//

#ifndef feedhub_chat_ChatRules_INCLUDED
#define feedhub_chat_ChatRules_INCLUDED

#include "ChatBoard.h"
#include "ChatBody.h"
#include "RateLimiter.h"
#include "feedhub/FeedContext.h"
#include <memory>
#include <string>
#include <vector>

namespace feedhub::chat
{

class ChatRules
    /// What the chat checks whichever way a client comes, its routes
    /// (ChatHandler) or a publication to chat.<room> (ChatIntake): the room's
    /// name, a private room's token, the client address's rate; and posting
    /// a message under them. Thread-safe.
{
public:
    ChatRules(std::shared_ptr<ChatBoard> board, std::shared_ptr<RateLimiter> limiter,
              std::vector<std::string> privateRooms, FeedContext& context);

    void enter(const HttpRequest& request, const std::string& room) const;
        /// Throws Poco::InvalidArgumentException for a room name that is not
        /// one. A private room is made a private topic (before anything
        /// happens in it) and needs a hub token whose subscribe claim covers
        /// chat.<room>: HttpError 401 or 403 otherwise.

    void claim(const std::string& room) const;
        /// Claims chat.<room> for the chat, before the room's first event, so
        /// nobody publishes on it first.

    void checkRate(const HttpRequest& request) const;
        /// Counts a message or a join against the client's address; HttpError
        /// 429 past its rate.

    std::string post(const HttpRequest& request, const std::string& room, const ChatBody& message) const;
        /// Posts message {"user","text","member"?} to an entered room (see
        /// ChatBoard::post()) after claim() and checkRate(); its event id.

    bool isPrivate(const std::string& room) const;
        /// Whether room matches a glob of the private rooms.

    static bool matchesAny(const std::vector<std::string>& globs, const std::string& room);
        /// Whether room matches one of globs (Poco::Glob: * ? [...]).

private:
    std::shared_ptr<ChatBoard> _board;
    std::shared_ptr<RateLimiter> _limiter;
    std::vector<std::string> _privateRooms;
    FeedContext& _context;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatRules_INCLUDED
