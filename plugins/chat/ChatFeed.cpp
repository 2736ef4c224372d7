//
// ChatFeed.cpp
//

#include "ChatFeed.h"
#include "ChatHandler.h"
#include "Poco/Exception.h"
#include "Poco/StringTokenizer.h"
#include "feedhub/FeedContext.h"
#include "feedhub/JsonText.h"
#include "feedhub/PluginApi.h"

namespace feedhub::chat
{

namespace
{

std::size_t readCount(const Poco::Util::AbstractConfiguration& section, const std::string& key,
                      std::size_t fallback)
{
    const int value = section.getInt(key, static_cast<int>(fallback));
    if (value < 1)
        throw Poco::InvalidArgumentException(key + " must be at least 1");
    return static_cast<std::size_t>(value);
}

// Members are swept this often; a member leaves within this long after its timeout.
const Poco::Timespan SWEEP_INTERVAL(5, 0);

} // namespace

std::string ChatFeed::name() const
{
    return "chat rooms";
}

std::vector<std::string> ChatFeed::keys() const
{
    return {"path",    "rooms",       "private_rooms", "max_rooms",    "max_message_bytes",
            "history", "max_members", "rate_messages", "rate_seconds", "member_timeout_seconds"};
}

void ChatFeed::configure(const Poco::Util::AbstractConfiguration& section)
{
    const ChatBoard::Limits defaults;
    Poco::StringTokenizer rooms(section.getString("rooms", "lobby"), ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    _rooms.assign(rooms.begin(), rooms.end());
    Poco::StringTokenizer privateRooms(section.getString("private_rooms", ""), ",",
                                       Poco::StringTokenizer::TOK_TRIM |
                                           Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    _privateRooms.assign(privateRooms.begin(), privateRooms.end());
    for (const std::string& room : _rooms)
        ChatBoard::checkName(room);
    _limits.maxRooms = readCount(section, "max_rooms", defaults.maxRooms);
    if (_rooms.size() > _limits.maxRooms)
        throw Poco::InvalidArgumentException("rooms lists more rooms than max_rooms");
    _limits.maxMessageBytes = readCount(section, "max_message_bytes", defaults.maxMessageBytes);
    _limits.history = readCount(section, "history", defaults.history);
    _limits.maxMembers = readCount(section, "max_members", defaults.maxMembers);
    _limits.memberTimeout = Poco::Timespan(
        static_cast<long>(readCount(section, "member_timeout_seconds",
                                    static_cast<std::size_t>(defaults.memberTimeout.totalSeconds()))),
        0);
    _rateMessages = readCount(section, "rate_messages", 10);
    const std::size_t rateSeconds = readCount(section, "rate_seconds", 10);
    if (_rateMessages > 10000 || rateSeconds > 3600)
        throw Poco::InvalidArgumentException("rate_messages is at most 10000 and rate_seconds at most 3600");
    _rateWindow = Poco::Timespan(static_cast<long>(rateSeconds), 0);
    _path = section.getString("path", "/api/chat/");
    if (_path.size() < 2 || _path.front() != '/' || _path.back() != '/')
        throw Poco::InvalidArgumentException("path must be a folder: start and end with /");
}

void ChatFeed::start(FeedContext& context)
{
    auto board = std::make_shared<ChatBoard>(
        _limits, _rooms, context.state(),
        [&publisher = context.publisher()](const std::string& topic, const std::string& type,
                                           const Poco::JSON::Object::Ptr& data) {
            return publisher.publish(topic, type, JsonText::format(data))->id();
        });
    // Rooms made on other hubs (or before a restart) are this hub's topics
    // too: claimed, and private if they match, from the start and each sweep.
    auto adopt = [board, &context, privateRooms = _privateRooms] {
        for (const std::string& room : board->roomNames())
        {
            context.claimTopic(ChatBoard::topicOf(room));
            if (ChatHandler::matchesAny(privateRooms, room))
                context.makePrivate(ChatBoard::topicOf(room));
        }
    };
    adopt();
    // Every hub sweeps: a killed hub's members leave by another's timer.
    context.every(SWEEP_INTERVAL, [board, adopt] {
        adopt();
        board->expire();
    });
    context.mount(_path, std::make_shared<ChatHandler>(
                             _path, board, std::make_shared<RateLimiter>(_rateMessages, _rateWindow),
                             _privateRooms, context));
}

} // namespace feedhub::chat

FEEDHUB_FEED(feedhub::chat::ChatFeed)
