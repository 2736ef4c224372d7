//
// ChatRoom.h
//
// Definition of the ChatRoom class.
//

#ifndef feedhub_chat_ChatRoom_INCLUDED
#define feedhub_chat_ChatRoom_INCLUDED

#include "Poco/JSON/Object.h"
#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace feedhub::chat
{

class ChatRoom
    /// One room: its last messages, for newcomers, and its members, each a
    /// nickname unique in the room (letter case aside) held with a secret
    /// member token that proves it. Not thread-safe: ChatBoard guards it.
{
public:
    ChatRoom(std::string name, std::size_t history);

    const std::string& name() const { return _name; }

    void remember(Poco::JSON::Object::Ptr message);
        /// Keeps a published message, dropping the oldest past history.

    const std::deque<Poco::JSON::Object::Ptr>& messages() const { return _messages; }

    std::string join(const std::string& nick, Poco::Timestamp now);
        /// Adds a member and answers its new token. Throws
        /// feedhub::HttpError 409 if the nickname is taken.

    std::optional<std::string> nickOf(const std::string& token) const;
        /// The nickname token proves, if it is a member's.

    bool has(const std::string& nick) const;
        /// Whether a member goes by nick, letter case aside.

    void touch(const std::string& token, Poco::Timestamp now);
        /// Marks the member seen now (keeps it from expiring).

    std::optional<std::string> leave(const std::string& token);
        /// Removes the member token proves; answers its nickname.

    std::vector<std::string> expire(Poco::Timestamp now, Poco::Timespan idle);
        /// Removes the members not seen for idle; answers their nicknames.

    std::vector<std::string> members() const;
        /// The nicknames, sorted.

    std::size_t size() const { return _members.size(); }

private:
    struct Member
    {
        std::string nick;
        Poco::Timestamp seen;
    };

    std::string _name;
    std::size_t _history;
    std::deque<Poco::JSON::Object::Ptr> _messages;
    std::map<std::string, Member> _members; /// by token
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatRoom_INCLUDED
