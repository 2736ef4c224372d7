//
// ChatBoard.cpp
//

#include "ChatBoard.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include "Poco/UTF8Encoding.h"
#include "feedhub/HttpError.h"
#include "feedhub/IsoTime.h"
#include <cctype>

namespace feedhub::chat
{

using Poco::Net::HTTPResponse;

namespace
{

constexpr std::size_t MAX_NICK_BYTES = 64;

bool isUtf8(const std::string& text)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t at = 0;
    while (at < text.size())
    {
        const unsigned char first = bytes[at];
        const int length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
        if (at + length > text.size() || !Poco::UTF8Encoding::isLegal(bytes + at, length))
            return false;
        at += length;
    }
    return true;
}

} // namespace

ChatBoard::ChatBoard(Limits limits, const std::vector<std::string>& rooms, Publish publish)
    : _limits(limits), _publish(std::move(publish))
{
    for (const std::string& room : rooms)
    {
        checkName(room);
        _rooms.emplace(room, std::make_shared<Entry>(ChatRoom(room, _limits.history)));
    }
}

std::string ChatBoard::post(const std::string& room, const std::string& user, const std::string& text,
                            const std::string& memberToken)
{
    checkName(room);
    checkUser(user);
    if (text.empty())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"text\" must not be empty");
    if (text.size() > _limits.maxMessageBytes)
        throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                        "a message holds at most " + Poco::NumberFormatter::format(_limits.maxMessageBytes) +
                            " bytes");
    if (!isUtf8(text))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"text\" is not valid UTF-8");
    std::shared_ptr<Entry> entry = find(room);
    // No room is made for a token that cannot be its member's.
    if (!entry && !memberToken.empty())
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN, "the member token is not " + user + "'s in room " + room);
    if (!entry)
        entry = findOrCreate(room);
    std::lock_guard<std::mutex> lock(entry->mutex);
    if (!memberToken.empty())
    {
        const std::optional<std::string> nick = entry->room.nickOf(memberToken);
        if (!nick || Poco::icompare(*nick, user) != 0)
            throw HttpError(HTTPResponse::HTTP_FORBIDDEN,
                            "the member token is not " + user + "'s in room " + room);
        entry->room.touch(memberToken, Poco::Timestamp());
    }
    else if (entry->room.has(user))
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN,
                        "the nickname " + user + " is a member's: send its member token as \"member\"");
    Poco::JSON::Object::Ptr message = new Poco::JSON::Object;
    message->set("user", user);
    message->set("text", text);
    message->set("time", IsoTime::format(Poco::Timestamp()));
    const std::string id = _publish(topicOf(room), "message", message);
    Poco::JSON::Object::Ptr kept = new Poco::JSON::Object(*message);
    kept->set("id", id);
    entry->room.remember(kept);
    return id;
}

Poco::JSON::Object::Ptr ChatBoard::read(const std::string& room) const
{
    checkName(room);
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
    Poco::JSON::Array::Ptr members = new Poco::JSON::Array;
    if (const std::shared_ptr<Entry> entry = find(room))
    {
        std::lock_guard<std::mutex> lock(entry->mutex);
        for (const Poco::JSON::Object::Ptr& message : entry->room.messages())
            messages->add(message);
        for (const std::string& nick : entry->room.members())
            members->add(nick);
    }
    answer->set("room", room);
    answer->set("messages", messages);
    answer->set("members", members);
    return answer;
}

Poco::JSON::Object::Ptr ChatBoard::join(const std::string& room, const std::string& nick,
                                        const std::string& memberToken)
{
    checkName(room);
    checkUser(nick);
    const std::shared_ptr<Entry> entry = findOrCreate(room);
    std::lock_guard<std::mutex> lock(entry->mutex);
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    answer->set("room", room);
    answer->set("nick", nick);
    const std::optional<std::string> current = entry->room.nickOf(memberToken);
    if (current && *current == nick)
    {
        entry->room.touch(memberToken, Poco::Timestamp());
        answer->set("member", memberToken);
        return answer;
    }
    if (entry->room.size() >= _limits.maxMembers && !entry->room.has(nick))
        throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                        "room " + room + " holds its maximum of " +
                            Poco::NumberFormatter::format(_limits.maxMembers) + " members");
    answer->set("member", entry->room.join(nick, Poco::Timestamp()));
    publishPresence(entry->room, "join", nick);
    return answer;
}

void ChatBoard::leave(const std::string& room, const std::string& memberToken)
{
    checkName(room);
    const std::shared_ptr<Entry> entry = find(room);
    if (entry)
    {
        std::lock_guard<std::mutex> lock(entry->mutex);
        if (const std::optional<std::string> nick = entry->room.leave(memberToken))
        {
            publishPresence(entry->room, "leave", *nick);
            return;
        }
    }
    throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "no member of room " + room + " has this token");
}

Poco::JSON::Array::Ptr ChatBoard::rooms() const
{
    std::map<std::string, std::shared_ptr<Entry>> rooms;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        rooms = _rooms;
    }
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& [name, entry] : rooms)
    {
        std::lock_guard<std::mutex> lock(entry->mutex);
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
        item->set("room", name);
        item->set("members", entry->room.size());
        item->set("messages", entry->room.messages().size());
        list->add(item);
    }
    return list;
}

void ChatBoard::expire(Poco::Timestamp now)
{
    std::map<std::string, std::shared_ptr<Entry>> rooms;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        rooms = _rooms;
    }
    for (const auto& [name, entry] : rooms)
    {
        std::lock_guard<std::mutex> lock(entry->mutex);
        for (const std::string& nick : entry->room.expire(now, _limits.memberTimeout))
            publishPresence(entry->room, "leave", nick);
    }
}

std::string ChatBoard::topicOf(const std::string& room)
{
    return "chat." + room;
}

void ChatBoard::checkName(const std::string& room)
{
    bool valid = !room.empty() && room.size() <= 64;
    for (char c : room)
        valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!valid)
        throw Poco::InvalidArgumentException("invalid room name '" + room +
                                             "': use 1 to 64 characters from A-Z a-z 0-9 _ -");
}

std::shared_ptr<ChatBoard::Entry> ChatBoard::find(const std::string& room) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _rooms.find(room);
    return it == _rooms.end() ? nullptr : it->second;
}

std::shared_ptr<ChatBoard::Entry> ChatBoard::findOrCreate(const std::string& room)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _rooms.find(room);
    if (it != _rooms.end())
        return it->second;
    if (_rooms.size() >= _limits.maxRooms)
        throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                        "the chat holds its maximum of " + Poco::NumberFormatter::format(_limits.maxRooms) +
                            " rooms");
    return _rooms.emplace(room, std::make_shared<Entry>(ChatRoom(room, _limits.history))).first->second;
}

void ChatBoard::publishPresence(const ChatRoom& room, const std::string& type, const std::string& nick)
{
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("nick", nick);
    data->set("time", IsoTime::format(Poco::Timestamp()));
    _publish(topicOf(room.name()), type, data);
}

void ChatBoard::checkUser(const std::string& user)
{
    if (user.empty() || user.size() > MAX_NICK_BYTES || !isUtf8(user))
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "a nickname is 1 to 64 bytes of UTF-8");
    for (unsigned char c : user)
    {
        if (c < 0x20 || c == 0x7F)
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "a nickname holds no control characters");
    }
}

} // namespace feedhub::chat
