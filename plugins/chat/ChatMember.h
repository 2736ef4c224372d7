//
// ChatMember.h
//
// Definition of the ChatMember class.
//

#ifndef feedhub_chat_ChatMember_INCLUDED
#define feedhub_chat_ChatMember_INCLUDED

#include "Poco/Timestamp.h"
#include <string>

namespace feedhub::chat
{

class ChatMember
    /// A member of a room as its record in the feed state keeps it: the
    /// nickname, the digest of its secret member token (the token itself is
    /// kept nowhere: whoever reads the state cannot speak as the member) and
    /// when it was last seen. Stored as JSON {"nick","token","seen"}, "seen"
    /// in microseconds since the epoch, so that every hub can expire it.
{
public:
    ChatMember(std::string nick, std::string tokenDigest, Poco::Timestamp seen);

    static ChatMember parse(const std::string& json);
        /// Throws Poco::DataFormatException if json is not a member record.

    std::string format() const;
        /// The record's JSON.

    const std::string& nick() const { return _nick; }
    Poco::Timestamp seen() const { return _seen; }

    void see(Poco::Timestamp now) { _seen = now; }

    bool provenBy(const std::string& tokenDigest) const;
        /// Whether tokenDigest (see digestOf()) is the member's token's.
        /// The digests compare as plain strings: how long that takes tells
        /// only how much of a guess's digest is right, which says nothing
        /// about the token.

    static std::string digestOf(const std::string& token);
        /// SHA-256 of token in hex; empty for an empty token, which proves
        /// no member.

    static std::string keyOf(const std::string& nick);
        /// The record's key: nick in lower case (ASCII letters), so a
        /// nickname is unique in its room letter case aside.

private:
    std::string _nick;
    std::string _tokenDigest;
    Poco::Timestamp _seen;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatMember_INCLUDED
