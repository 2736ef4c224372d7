//
// ChatRules.cpp
//

#include "ChatRules.h"
#include "Poco/Glob.h"
#include "feedhub/HttpError.h"
#include <algorithm>

namespace feedhub::chat
{

ChatRules::ChatRules(std::shared_ptr<ChatBoard> board, std::shared_ptr<RateLimiter> limiter,
                     std::vector<std::string> privateRooms, FeedContext& context)
    : _board(std::move(board)), _limiter(std::move(limiter)), _privateRooms(std::move(privateRooms)),
      _context(context)
{
}

bool ChatRules::matchesAny(const std::vector<std::string>& globs, const std::string& room)
{
    return std::any_of(globs.begin(), globs.end(),
                       [&room](const std::string& glob) { return Poco::Glob(glob).match(room); });
}

bool ChatRules::isPrivate(const std::string& room) const
{
    return matchesAny(_privateRooms, room);
}

void ChatRules::enter(const HttpRequest& request, const std::string& room) const
{
    ChatBoard::checkName(room);
    if (!isPrivate(room))
        return;
    // Private before its first event, then guarded as its topic is.
    _context.makePrivate(ChatBoard::topicOf(room));
    _context.authorizeSubscribe(request, ChatBoard::topicOf(room));
}

void ChatRules::claim(const std::string& room) const
{
    _context.claimTopic(ChatBoard::topicOf(room));
}

void ChatRules::checkRate(const HttpRequest& request) const
{
    if (!_limiter->take(request.clientAddress().host().toString()))
        throw HttpError(Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS,
                        "too many messages: wait a moment and send again");
}

std::string ChatRules::post(const HttpRequest& request, const std::string& room,
                            const ChatBody& message) const
{
    claim(room);
    checkRate(request);
    return _board->post(room, message.string("user"), message.string("text"),
                        message.optionalString("member"));
}

} // namespace feedhub::chat
