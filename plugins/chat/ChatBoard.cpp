//
// ChatBoard.cpp
//

#include "ChatBoard.h"
#include "ChatMember.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Parser.h"
#include "Poco/NumberFormatter.h"
#include "Poco/UTF8Encoding.h"
#include "Poco/UUIDGenerator.h"
#include "feedhub/HttpError.h"
#include "feedhub/IsoTime.h"
#include "feedhub/JsonText.h"
#include <algorithm>
#include <cctype>

namespace feedhub::chat
{

using Poco::Net::HTTPResponse;

namespace
{

constexpr std::size_t MAX_NICK_BYTES = 64;

// Tries at a compare-and-set before a change gives up: each lost try means
// another hub changed the same records in between.
constexpr int MAX_ATTEMPTS = 8;

// Digits of the largest event sequence: message keys are padded to them so
// they sort as sequences do.
constexpr std::size_t SEQUENCE_DIGITS = 20;

const std::string ROOMS = "rooms";
const std::string COUNTS = "counts";

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

HttpError busy(const std::string& room)
{
    return HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                     "room " + room + " changed too often at once: try again");
}

HttpError notTheUsers(const std::string& room, const std::string& user)
{
    return HttpError(HTTPResponse::HTTP_FORBIDDEN, "the member token is not " + user + "'s in room " + room);
}

std::string roomRecord()
{
    Poco::JSON::Object::Ptr record = new Poco::JSON::Object;
    record->set("made", IsoTime::format(Poco::Timestamp()));
    return JsonText::format(record);
}

Poco::JSON::Object::Ptr parseObject(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

} // namespace

ChatBoard::ChatBoard(Limits limits, const std::vector<std::string>& rooms, FeedState& state, Publish publish)
    : _limits(limits), _configured(rooms.begin(), rooms.end()), _state(state), _publish(std::move(publish))
{
    for (const std::string& room : rooms)
        checkName(room);
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
    const bool known = exists(room);
    // No room is made for a token that cannot be its member's.
    if (!known && !memberToken.empty())
        throw notTheUsers(room, user);
    if (!known)
        makeRoom(room);
    if (!memberToken.empty())
        touch(room, user, memberToken);
    else if (_state.get(membersTable(room), ChatMember::keyOf(user)))
        throw HttpError(HTTPResponse::HTTP_FORBIDDEN,
                        "the nickname " + user + " is a member's: send its member token as \"member\"");
    Poco::JSON::Object::Ptr message = new Poco::JSON::Object;
    message->set("user", user);
    message->set("text", text);
    message->set("time", IsoTime::format(Poco::Timestamp()));
    const std::string id = _publish(topicOf(room), "message", message);
    Poco::JSON::Object::Ptr kept = new Poco::JSON::Object(*message);
    kept->set("id", id);
    keep(room, kept);
    return id;
}

Poco::JSON::Object::Ptr ChatBoard::read(const std::string& room) const
{
    checkName(room);
    Poco::JSON::Array::Ptr messages = new Poco::JSON::Array;
    for (const Poco::JSON::Object::Ptr& message : messagesOf(room))
        messages->add(message);
    std::vector<std::string> nicks;
    for (const auto& [key, record] : _state.list(membersTable(room)))
        nicks.push_back(ChatMember::parse(record.value).nick());
    std::sort(nicks.begin(), nicks.end());
    Poco::JSON::Array::Ptr members = new Poco::JSON::Array;
    for (const std::string& nick : nicks)
        members->add(nick);
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
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
    if (!exists(room))
        makeRoom(room);
    Poco::JSON::Object::Ptr answer = new Poco::JSON::Object;
    answer->set("room", room);
    answer->set("nick", nick);
    const std::string table = membersTable(room);
    const std::string key = ChatMember::keyOf(nick);
    const std::string digest = ChatMember::digestOf(memberToken);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt)
    {
        const std::optional<FeedState::Record> held = _state.get(table, key);
        if (!held)
        {
            const std::string token = admit(room, nick);
            if (token.empty())
                continue;
            answer->set("member", token);
            return answer;
        }
        ChatMember member = ChatMember::parse(held->value);
        if (member.nick() != nick || !member.provenBy(digest))
            throw HttpError(HTTPResponse::HTTP_CONFLICT,
                            "the nickname " + nick + " is taken in room " + room);
        member.see(Poco::Timestamp());
        if (_state.put(table, key, member.format(), held->version))
        {
            answer->set("member", memberToken);
            return answer;
        }
    }
    throw busy(room);
}

void ChatBoard::leave(const std::string& room, const std::string& nick, const std::string& memberToken)
{
    checkName(room);
    checkUser(nick);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt)
    {
        const auto proven = provenMember(room, nick, memberToken);
        if (!proven)
            throw HttpError(HTTPResponse::HTTP_NOT_FOUND, nick + " is not a member of room " + room);
        const auto& [held, member] = *proven;
        // Lost to a heartbeat (read again) or to an expiry (then nick is no member).
        if (_state.remove(membersTable(room), ChatMember::keyOf(nick), held.version))
        {
            publishPresence(room, "leave", member.nick());
            return;
        }
    }
    throw busy(room);
}

Poco::JSON::Array::Ptr ChatBoard::rooms() const
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const std::string& name : roomNames())
    {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
        item->set("room", name);
        item->set("members", _state.count(membersTable(name)));
        item->set("messages", std::min(_state.count(messagesTable(name)), _limits.history));
        list->add(item);
    }
    return list;
}

void ChatBoard::expire(Poco::Timestamp now)
{
    for (const std::string& room : roomNames())
    {
        const std::string table = membersTable(room);
        for (const auto& [key, record] : _state.list(table))
        {
            const ChatMember member = ChatMember::parse(record.value);
            // Of the hubs expiring one member the one whose removal wins says
            // it left; a member seen meanwhile stays.
            if (now - member.seen() >= _limits.memberTimeout.totalMicroseconds() &&
                _state.remove(table, key, record.version))
                publishPresence(room, "leave", member.nick());
        }
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

bool ChatBoard::exists(const std::string& room) const
{
    return _configured.count(room) > 0 || _state.get(ROOMS, room).has_value();
}

void ChatBoard::makeRoom(const std::string& room)
{
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt)
    {
        // Read before the rooms, so a room made after them changes it and fails this commit.
        const std::optional<FeedState::Record> count = _state.get(COUNTS, ROOMS);
        const std::set<std::string> names = roomNames();
        if (names.count(room) > 0)
            return;
        if (names.size() >= _limits.maxRooms)
            throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                            "the chat holds its maximum of " +
                                Poco::NumberFormatter::format(_limits.maxRooms) + " rooms");
        const std::vector<FeedState::Write> writes = {{ROOMS, room, FeedState::ABSENT, roomRecord()},
                                                      {COUNTS, ROOMS,
                                                       count ? count->version : FeedState::ABSENT,
                                                       Poco::NumberFormatter::format(names.size() + 1)}};
        if (_state.commit(writes))
            return;
    }
    throw busy(room);
}

std::set<std::string> ChatBoard::roomNames() const
{
    std::set<std::string> names = _configured;
    for (const auto& [name, record] : _state.list(ROOMS))
        names.insert(name);
    return names;
}

void ChatBoard::touch(const std::string& room, const std::string& user, const std::string& memberToken)
{
    for (int attempt = 0; attempt < MAX_ATTEMPTS; ++attempt)
    {
        auto proven = provenMember(room, user, memberToken);
        if (!proven)
            throw notTheUsers(room, user);
        auto& [held, member] = *proven;
        member.see(Poco::Timestamp());
        if (_state.put(membersTable(room), ChatMember::keyOf(user), member.format(), held.version))
            return;
    }
    throw busy(room);
}

// The membership record of nick in room and the member it holds, if nick is a
// member; throws HttpError 403 if memberToken is not that member's.
std::optional<std::pair<FeedState::Record, ChatMember>>
ChatBoard::provenMember(const std::string& room, const std::string& nick, const std::string& memberToken) const
{
    std::optional<FeedState::Record> held = _state.get(membersTable(room), ChatMember::keyOf(nick));
    if (!held)
        return std::nullopt;
    ChatMember member = ChatMember::parse(held->value);
    if (!member.provenBy(ChatMember::digestOf(memberToken)))
        throw notTheUsers(room, nick);
    return std::make_pair(std::move(*held), std::move(member));
}

// One try at making nick a new member: its token, or "" if another change came
// first. The room's record is rewritten with it, so that of joins racing for
// the room's last place one wins.
std::string ChatBoard::admit(const std::string& room, const std::string& nick)
{
    const std::string table = membersTable(room);
    // Counted, not serialized through one record: joins racing on several
    // hubs may pass the limit by as many as race, and no join waits for the
    // others of a busy room.
    if (_state.count(table) >= _limits.maxMembers)
        throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE,
                        "room " + room + " holds its maximum of " +
                            Poco::NumberFormatter::format(_limits.maxMembers) + " members");
    // A random UUID: 122 random bits, unguessable, from the system's generator.
    const std::string token = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    if (!_state.put(table, ChatMember::keyOf(nick),
                    ChatMember(nick, ChatMember::digestOf(token), Poco::Timestamp()).format(), FeedState::ABSENT))
        return {};
    publishPresence(room, "join", nick);
    return token;
}

void ChatBoard::keep(const std::string& room, const Poco::JSON::Object::Ptr& message)
{
    const std::string id = message->getValue<std::string>("id");
    const std::string sequence = id.substr(id.rfind(':') + 1);
    const std::string key =
        std::string(SEQUENCE_DIGITS - std::min(sequence.size(), SEQUENCE_DIGITS), '0') + sequence;
    const std::string table = messagesTable(room);
    const std::map<std::string, FeedState::Record> kept = _state.list(table);
    // The key is the event's own, so no other write races for it: written
    // unconditionally, as are the removals of the oldest past history (hubs
    // trimming at once remove the same ones; one left over goes next time).
    std::vector<FeedState::Write> writes = {{table, key, FeedState::ANY, JsonText::format(message)}};
    std::size_t excess = kept.size() + 1 > _limits.history ? kept.size() + 1 - _limits.history : 0;
    for (auto it = kept.begin(); excess > 0 && it != kept.end(); ++it, --excess)
        writes.push_back({table, it->first, FeedState::ANY, std::nullopt});
    _state.commit(writes);
}

std::vector<Poco::JSON::Object::Ptr> ChatBoard::messagesOf(const std::string& room) const
{
    const std::map<std::string, FeedState::Record> kept = _state.list(messagesTable(room));
    auto first = kept.begin();
    std::advance(first, kept.size() > _limits.history ? kept.size() - _limits.history : 0);
    std::vector<Poco::JSON::Object::Ptr> messages;
    for (auto it = first; it != kept.end(); ++it)
        messages.push_back(parseObject(it->second.value));
    return messages;
}

void ChatBoard::publishPresence(const std::string& room, const std::string& type, const std::string& nick)
{
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("nick", nick);
    data->set("time", IsoTime::format(Poco::Timestamp()));
    _publish(topicOf(room), type, data);
}

std::string ChatBoard::membersTable(const std::string& room)
{
    return "members:" + room;
}

std::string ChatBoard::messagesTable(const std::string& room)
{
    return "messages:" + room;
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
