//
// NotificationsFeed.cpp
//

#include "NotificationsFeed.h"
#include "NotifyHandler.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/StringTokenizer.h"
#include "Poco/UUIDGenerator.h"
#include "feedhub/JsonText.h"
#include "feedhub/PluginApi.h"
#include "feedhub/TopicName.h"
#include <algorithm>
#include <cctype>
#include <random>

namespace feedhub::notifications
{

namespace
{

const char* const DEFAULT_TYPES = "user_joined, message_received, system_alert, data_updated, notification";

bool isTypeName(const std::string& type)
{
    return !type.empty() && type.size() <= 64 && std::all_of(type.begin(), type.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '.' || c == '-';
    });
}

} // namespace

std::string NotificationsFeed::name() const
{
    return "notifications";
}

std::vector<std::string> NotificationsFeed::keys() const
{
    return {"topic", "notify_path", "token", "types", "simulate", "simulate_interval_ms", "welcome"};
}

void NotificationsFeed::configure(const Poco::Util::AbstractConfiguration& section)
{
    _topic = section.getString("topic", "notifications");
    TopicName::check(_topic);
    _notifyPath = section.getString("notify_path", "/api/notify");
    _token = section.getString("token", "");
    if (!_notifyPath.empty() && _notifyPath[0] != '/')
        throw Poco::InvalidArgumentException("notify_path must start with / (or be empty for none)");
    Poco::StringTokenizer types(section.getString("types", DEFAULT_TYPES), ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& type : types)
    {
        if (!isTypeName(type))
            throw Poco::InvalidArgumentException("types: '" + type +
                                                 "' is not a type (1 to 64 of A-Z a-z 0-9 _ . -)");
        _types.push_back(type);
    }
    if (_types.empty())
        throw Poco::InvalidArgumentException("types: at least one type is needed");
    _simulate = section.getBool("simulate", true);
    _simulateIntervalMs = section.getInt("simulate_interval_ms", 8000);
    if (_simulateIntervalMs < 10)
        throw Poco::InvalidArgumentException("simulate_interval_ms must be at least 10");
    _welcome = section.getBool("welcome", true);
}

void NotificationsFeed::start(FeedContext& context)
{
    _context = &context;
    context.claimTopic(_topic);
    if (!_notifyPath.empty())
        context.mount(_notifyPath, std::make_shared<NotifyHandler>(*this, context));
    if (_welcome)
        context.greetSubscribers(_topic, [this](const std::string& topic) { return welcome(topic); });
    if (_simulate)
    {
        _simulator = std::make_unique<NotificationSimulator>(_types, std::random_device()());
        context.every(Poco::Timespan(_simulateIntervalMs * Poco::Timespan::MILLISECONDS),
                      [this] { send(_simulator->next()); });
    }
}

std::size_t NotificationsFeed::send(const Notification& notification)
{
    Publisher& publisher = _context->publisher();
    publisher.publish(_topic, notification.type(), notification.eventData(Poco::Timestamp()));
    return publisher.subscriberCount(_topic);
}

SubscriberGreeting NotificationsFeed::welcome(const std::string& topic)
{
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    data->set("clientId", Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
    data->set("subscribers", _context->publisher().subscriberCount(topic));
    return SubscriberGreeting{"connection", JsonText::format(data)};
}

} // namespace feedhub::notifications

FEEDHUB_FEED(feedhub::notifications::NotificationsFeed)
