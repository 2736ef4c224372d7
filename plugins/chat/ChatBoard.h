//
// ChatBoard.h
//
// Definition of the ChatBoard class.
//

#ifndef feedhub_chat_ChatBoard_INCLUDED
#define feedhub_chat_ChatBoard_INCLUDED

#include "Poco/JSON/Object.h"
#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include "ChatMember.h"
#include "feedhub/FeedState.h"
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace feedhub::chat
{

class ChatBoard
    /// The chat's rooms: the configured ones always, others made by their
    /// first join or message, up to maxRooms. Every message, join and leave is
    /// published on chat.<room> (type "message" {"user","text","time"}, "join"
    /// and "leave" {"nick","time"}).
    ///
    /// Rooms, members and the last messages are records of a FeedState, so
    /// boards of several hubs sharing one state serve one chat:
    ///
    ///   rooms             room name -> {"made"}
    ///   members:<room>    nick in lower case -> {"nick","token","seen"} (see ChatMember)
    ///   messages:<room>   event sequence, 20 digits -> {"id","user","text","time"}
    ///   counts            "rooms" -> how many rooms there are; every room made
    ///                     rewrites it, so that rooms racing for the last place conflict
    ///
    /// max_members is checked against the members counted as a join begins:
    /// joins racing on several hubs may pass it by as many as race, rather
    /// than every join of a busy room waiting on one record.
    ///
    /// A change is a compare-and-set: a board that loses a race reads again
    /// and retries, at most a few times (then HttpError 503). Events are
    /// published once their change is committed, by the board that made it,
    /// so an idle member's leave is published once whichever board expires
    /// it. Every call waits on the state: call it from routes and timers.
    /// Thread-safe.
{
public:
    struct Limits
    {
        std::size_t maxRooms = 100;
        std::size_t maxMessageBytes = 2000;
        std::size_t history = 50;                             /// messages a newcomer sees
        std::size_t maxMembers = 1000;                        /// in one room
        Poco::Timespan memberTimeout = Poco::Timespan(60, 0); /// unseen this long, a member leaves
    };

    using Publish = std::function<std::string(const std::string& topic, const std::string& type,
                                              const Poco::JSON::Object::Ptr& data)>;
        /// Publishes an event and answers its id ("<topic>:<sequence>").

    ChatBoard(Limits limits, const std::vector<std::string>& rooms, FeedState& state, Publish publish);
        /// Throws Poco::InvalidArgumentException naming a room name that is
        /// not one. Reads nothing from state yet.

    std::string post(const std::string& room, const std::string& user, const std::string& text,
                     const std::string& memberToken);
        /// Publishes a message, keeps it, and answers its event id. A user
        /// who is a member's nickname must send that member's token (and a
        /// token sent must be the user's). Throws feedhub::HttpError: 400 (an
        /// empty text or user, a user over 64 bytes), 413 (a text over
        /// maxMessageBytes), 403 (the nickname is a member's and the token
        /// is not), 507 (one room too many).

    Poco::JSON::Object::Ptr read(const std::string& room) const;
        /// {"room","messages":[{"id","user","text","time"}...],"members":[...]}:
        /// the last history messages, oldest first, and the nicknames, sorted.

    Poco::JSON::Object::Ptr join(const std::string& room, const std::string& nick,
                                 const std::string& memberToken);
        /// {"room","nick","member":token}. A member token that is already
        /// the nick's in the room only marks it seen (a heartbeat). Throws HttpError 409 if
        /// the nickname is taken, 400 if it is not one, 507 as post() or for
        /// one member too many.

    void leave(const std::string& room, const std::string& nick, const std::string& memberToken);
        /// Throws HttpError 404 if nick is no member of the room, 403 if the
        /// token is not its member's.

    Poco::JSON::Array::Ptr rooms() const;
        /// [{"room","members","messages"}...], by name.

    void expire(Poco::Timestamp now = Poco::Timestamp());
        /// Members not seen for memberTimeout leave.

    std::set<std::string> roomNames() const;
        /// Every room: the configured ones and those made through any board
        /// of the state.

    static std::string topicOf(const std::string& room);
        /// "chat." + room.

    static void checkName(const std::string& room);
        /// Throws Poco::InvalidArgumentException unless room is 1 to 64
        /// characters from A-Z a-z 0-9 _ -.

private:
    bool exists(const std::string& room) const;
    void makeRoom(const std::string& room);
    void touch(const std::string& room, const std::string& user, const std::string& memberToken);
    std::optional<std::pair<FeedState::Record, ChatMember>> provenMember(const std::string& room,
                                                                         const std::string& nick,
                                                                         const std::string& memberToken) const;
    std::string admit(const std::string& room, const std::string& nick);
    void keep(const std::string& room, const Poco::JSON::Object::Ptr& message);
    std::vector<Poco::JSON::Object::Ptr> messagesOf(const std::string& room) const;
    void publishPresence(const std::string& room, const std::string& type, const std::string& nick);
    static std::string membersTable(const std::string& room);
    static std::string messagesTable(const std::string& room);
    static void checkUser(const std::string& user);

    Limits _limits;
    std::set<std::string> _configured;
    FeedState& _state;
    Publish _publish;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatBoard_INCLUDED
