//
// NotificationSimulator.cpp
//

#include "NotificationSimulator.h"
#include "Poco/JSON/Object.h"
#include <map>

namespace feedhub::notifications
{

namespace
{

const std::vector<std::string> PEOPLE = {"Alice", "Bob", "Carol", "Dave", "Erin", "Frank"};

const std::map<std::string, std::vector<std::string>> MESSAGES = {
    {"user_joined", {"{person} joined the workspace", "{person} is now online"}},
    {"message_received", {"New message from {person}", "{person} replied to your comment"}},
    {"system_alert",
     {"CPU usage is above 90%", "Disk space is running low", "Backup finished with warnings"}},
    {"data_updated", {"Sales figures were refreshed", "{person} updated the inventory report"}},
    {"notification", {"Your export is ready", "Reminder: team meeting in 15 minutes"}},
};

} // namespace

NotificationSimulator::NotificationSimulator(std::vector<std::string> types, std::uint32_t seed)
    : _types(std::move(types)), _random(seed)
{
}

Notification NotificationSimulator::next()
{
    std::uniform_int_distribution<std::size_t> pickType(0, _types.size() - 1);
    const std::string& type = _types[pickType(_random)];
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("simulated", true);
    return Notification(type, messageFor(type), data);
}

std::string NotificationSimulator::messageFor(const std::string& type)
{
    auto it = MESSAGES.find(type);
    if (it == MESSAGES.end())
        return "Simulated " + type + " notification";
    std::uniform_int_distribution<std::size_t> pickMessage(0, it->second.size() - 1);
    std::string message = it->second[pickMessage(_random)];
    const std::size_t slot = message.find("{person}");
    if (slot != std::string::npos)
    {
        std::uniform_int_distribution<std::size_t> pickPerson(0, PEOPLE.size() - 1);
        message.replace(slot, 8, PEOPLE[pickPerson(_random)]);
    }
    return message;
}

} // namespace feedhub::notifications
