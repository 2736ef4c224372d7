//
// ChatIntake.h
//
// Definition of the ChatIntake class.
//

#ifndef feedhub_chat_ChatIntake_INCLUDED
#define feedhub_chat_ChatIntake_INCLUDED

#include "ChatRules.h"
#include "feedhub/PublishIntake.h"
#include <memory>
#include <string>

namespace feedhub::chat
{

class ChatIntake : public PublishIntake
    /// What clients publish to chat.<room> (POST /publish, a WebSocket's
    /// {"op":"publish","topic":"chat.<room>","data":{...}}): a message of
    /// type "message" whose data is {"user","text","member"?}, posted under
    /// the rules of POST <folder><room> (ChatRules), so a WebSocket client
    /// chats as a page does.
{
public:
    explicit ChatIntake(std::shared_ptr<const ChatRules> rules);

    static std::string prefix();
        /// The topics it takes: "chat.", as ChatBoard::topicOf() names them.

    std::string take(const HttpRequest& request, const Publication& publication) override;
        /// Throws HttpError 400 for another type or data that is not such an
        /// object, and what ChatRules and ChatBoard::post() throw.

private:
    std::shared_ptr<const ChatRules> _rules;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatIntake_INCLUDED
