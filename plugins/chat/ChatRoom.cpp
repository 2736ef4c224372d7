//
// ChatRoom.cpp
//

#include "ChatRoom.h"
#include "Poco/String.h"
#include "Poco/UUIDGenerator.h"
#include "feedhub/HttpError.h"
#include <algorithm>

namespace feedhub::chat
{

ChatRoom::ChatRoom(std::string name, std::size_t history) : _name(std::move(name)), _history(history) {}

void ChatRoom::remember(Poco::JSON::Object::Ptr message)
{
    _messages.push_back(std::move(message));
    while (_messages.size() > _history)
        _messages.pop_front();
}

std::string ChatRoom::join(const std::string& nick, Poco::Timestamp now)
{
    if (has(nick))
        throw HttpError(Poco::Net::HTTPResponse::HTTP_CONFLICT,
                        "the nickname " + nick + " is taken in room " + _name);
    // A random UUID: 122 random bits, unguessable, from the system's generator.
    std::string token = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    _members.emplace(token, Member{nick, now});
    return token;
}

std::optional<std::string> ChatRoom::nickOf(const std::string& token) const
{
    auto it = _members.find(token);
    if (it == _members.end())
        return std::nullopt;
    return it->second.nick;
}

bool ChatRoom::has(const std::string& nick) const
{
    return std::any_of(_members.begin(), _members.end(),
                       [&nick](const auto& member) { return Poco::icompare(member.second.nick, nick) == 0; });
}

void ChatRoom::touch(const std::string& token, Poco::Timestamp now)
{
    auto it = _members.find(token);
    if (it != _members.end())
        it->second.seen = now;
}

std::optional<std::string> ChatRoom::leave(const std::string& token)
{
    auto it = _members.find(token);
    if (it == _members.end())
        return std::nullopt;
    std::string nick = it->second.nick;
    _members.erase(it);
    return nick;
}

std::vector<std::string> ChatRoom::expire(Poco::Timestamp now, Poco::Timespan idle)
{
    std::vector<std::string> gone;
    for (auto it = _members.begin(); it != _members.end();)
    {
        if (now - it->second.seen >= idle.totalMicroseconds())
        {
            gone.push_back(it->second.nick);
            it = _members.erase(it);
        }
        else
            ++it;
    }
    return gone;
}

std::vector<std::string> ChatRoom::members() const
{
    std::vector<std::string> nicks;
    for (const auto& [token, member] : _members)
        nicks.push_back(member.nick);
    std::sort(nicks.begin(), nicks.end());
    return nicks;
}

} // namespace feedhub::chat
