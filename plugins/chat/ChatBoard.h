//
// ChatBoard.h
//
// Definition of the ChatBoard class.
//

#ifndef feedhub_chat_ChatBoard_INCLUDED
#define feedhub_chat_ChatBoard_INCLUDED

#include "ChatRoom.h"
#include "Poco/JSON/Object.h"
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace feedhub::chat
{

class ChatBoard
    /// The chat's rooms: the configured ones always, others made by their
    /// first join or message, up to maxRooms. Every message, join and leave is
    /// published on chat.<room> (type "message" {"user","text","time"}, "join"
    /// and "leave" {"nick","time"}) while the room's lock is held, so events
    /// and the room's state agree in order. Thread-safe.
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
        /// Publishes an event and answers its id.

    ChatBoard(Limits limits, const std::vector<std::string>& rooms, Publish publish);
        /// Throws Poco::InvalidArgumentException naming a room name that is not one.

    std::string post(const std::string& room, const std::string& user, const std::string& text,
                     const std::string& memberToken);
        /// Publishes a message and answers its event id. A user who is a
        /// member's nickname must send that member's token (and a token
        /// sent must be the user's). Throws feedhub::HttpError: 400 (an
        /// empty text or user, a user over 64 bytes), 413 (a text over
        /// maxMessageBytes), 403 (the nickname is a member's and the token
        /// is not), 507 (one room too many).

    Poco::JSON::Object::Ptr read(const std::string& room) const;
        /// {"room","messages":[{"id","user","text","time"}...],"members":[...]}.

    Poco::JSON::Object::Ptr join(const std::string& room, const std::string& nick,
                                 const std::string& memberToken);
        /// {"room","nick","member":token}. A member token that is already
        /// the nick's in the room only marks it seen (a heartbeat). Throws HttpError 409 if
        /// the nickname is taken, 400 if it is not one, 507 as post().

    void leave(const std::string& room, const std::string& memberToken);
        /// Throws HttpError 404 if the token is no member's of the room.

    Poco::JSON::Array::Ptr rooms() const;
        /// [{"room","members","messages"}...], by name.

    void expire(Poco::Timestamp now = Poco::Timestamp());
        /// Members not seen for memberTimeout leave.

    static std::string topicOf(const std::string& room);
        /// "chat." + room.

    static void checkName(const std::string& room);
        /// Throws Poco::InvalidArgumentException unless room is 1 to 64
        /// characters from A-Z a-z 0-9 _ -.

private:
    struct Entry
    {
        explicit Entry(ChatRoom room) : room(std::move(room)) {}
        mutable std::mutex mutex;
        ChatRoom room;
    };

    std::shared_ptr<Entry> find(const std::string& room) const;
    std::shared_ptr<Entry> findOrCreate(const std::string& room);
    void publishPresence(const ChatRoom& room, const std::string& type, const std::string& nick);
    static void checkUser(const std::string& user);

    Limits _limits;
    Publish _publish;
    mutable std::mutex _mutex; /// the map, not the rooms
    std::map<std::string, std::shared_ptr<Entry>> _rooms;
};

} // namespace feedhub::chat

#endif // feedhub_chat_ChatBoard_INCLUDED
