//
// FeedCheck.cpp
//

#include "feeds/FeedCheck.h"
#include "config/IniFileLines.h"
#include "feeds/FeedLibrary.h"
#include "Poco/AutoPtr.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include "Poco/Util/MapConfiguration.h"
#include <algorithm>
#include <memory>

namespace feedhub
{

namespace
{

// Keys every [feed.<name>] section may hold, read by the host itself.
const std::vector<std::string> HOST_KEYS = {"library", "required"};

class LastReadConfiguration : public Poco::Util::MapConfiguration
    /// A feed's section that remembers the last key read: Poco's getInt()
    /// and getBool() say which value they cannot parse, not whose.
{
public:
    const std::string& lastKey() const { return _lastKey; }

protected:
    ~LastReadConfiguration() override = default;

    bool getRaw(const std::string& key, std::string& value) const override
    {
        _lastKey = key;
        return MapConfiguration::getRaw(key, value);
    }

private:
    mutable std::string _lastKey;
};

// Where in the file key of the feed's section is set; else its section
// header; else the [feeds] enabled line that enables it.
std::string locate(const FeedSettings& settings, const std::string& key)
{
    const std::string& path = settings.sourcePath;
    const std::string section = "feed." + settings.name;
    if (IniFileLines::find(path, section, key) != 0)
        return IniFileLines::locate(path, section, key);
    if (IniFileLines::find(path, section, "") != 0)
        return IniFileLines::locate(path, section, "");
    return IniFileLines::locate(path, "feeds", "enabled");
}

void warnAboutUnknownKeys(const FeedSettings& settings, Feed& feed)
{
    std::vector<std::string> known = feed.keys();
    known.insert(known.end(), HOST_KEYS.begin(), HOST_KEYS.end());
    for (const auto& entry : settings.section)
    {
        if (std::find(known.begin(), known.end(), entry.first) == known.end())
            Poco::Logger::get("feedhub.feed." + settings.name)
                .warning("%s: unknown key '%s' in [feed.%s] is ignored", locate(settings, entry.first), entry.first,
                         settings.name);
    }
}

std::string describe(const std::exception& exc)
{
    const auto* poco = dynamic_cast<const Poco::Exception*>(&exc);
    return poco ? poco->displayText() : std::string(exc.what());
}

// What configure() refused, located: a message that starts with one of the
// feed's keys is about that key (Feed.h asks feeds to name it); a value
// Poco could not parse is the last key the feed read.
std::string refusal(const FeedSettings& settings, Feed& feed, const LastReadConfiguration& section,
                    const std::exception& exc)
{
    const std::string prefix = "feed." + settings.name;
    const auto* poco = dynamic_cast<const Poco::Exception*>(&exc);
    if (poco)
    {
        const std::string& message = poco->message();
        const std::string key = message.substr(0, message.find_first_of(" :="));
        const std::vector<std::string> keys = feed.keys();
        if (settings.section.count(key) != 0 || std::find(keys.begin(), keys.end(), key) != keys.end())
            return locate(settings, key) + ": " + prefix + "." + message;
        if (dynamic_cast<const Poco::SyntaxException*>(poco) && !section.lastKey().empty())
            return locate(settings, section.lastKey()) + ": " + prefix + "." + section.lastKey() + ": " + message;
    }
    return locate(settings, "") + ": " + prefix + ": configure failed: " + describe(exc);
}

} // namespace

void FeedCheck::check(const FeedSettings& settings)
{
    std::unique_ptr<FeedLibrary> library;
    try
    {
        library = std::make_unique<FeedLibrary>(settings.library);
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::DataException(locate(settings, "library") + ": feed." + settings.name +
                                  ".library: " + exc.message());
    }
    Feed& feed = library->feed();
    Poco::AutoPtr<LastReadConfiguration> section(new LastReadConfiguration);
    for (const auto& [key, value] : settings.section)
        section->setString(key, value);
    std::string reason;
    try
    {
        warnAboutUnknownKeys(settings, feed);
        feed.configure(*section);
        return;
    }
    catch (const std::exception& exc)
    {
        reason = refusal(settings, feed, *section, exc);
    }
    catch (...)
    {
        reason = locate(settings, "") + ": feed." + settings.name + ": configure failed: unknown exception";
    }
    throw Poco::DataException(reason);
}

std::vector<FeedFailure> FeedCheck::check(const FeedsConfiguration& configuration)
{
    std::vector<FeedFailure> failures;
    for (const FeedSettings& settings : configuration.enabled)
    {
        try
        {
            check(settings);
        }
        catch (const Poco::DataException& exc)
        {
            failures.push_back(FeedFailure{settings.name, settings.required, exc.message()});
        }
    }
    return failures;
}

} // namespace feedhub
