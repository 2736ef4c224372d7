//
// FeedsConfiguration.cpp
//

#include "feeds/FeedsConfiguration.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "Poco/Path.h"
#include "Poco/String.h"
#include "Poco/StringTokenizer.h"
#include "config/IniFileLines.h"
#include "config/SettingValues.h"
#include <algorithm>
#include <cctype>

namespace feedhub
{

namespace
{

bool isFeedName(const std::string& name)
{
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
    });
}

void collectLeaves(const Poco::Util::AbstractConfiguration& config, const std::string& prefix,
                   const std::string& relative, std::map<std::string, std::string>& out)
{
    Poco::Util::AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    for (const std::string& key : keys)
    {
        const std::string full = prefix + "." + key;
        // Poco reads ini keys without regard to case; the feed reads a copy.
        const std::string name = Poco::toLower(relative.empty() ? key : relative + "." + key);
        if (config.hasOption(full))
            out[name] = config.getString(full);
        collectLeaves(config, full, name, out);
    }
}

std::string directoryOf(const std::string& path)
{
    return Poco::Path(Poco::Path(path).absolute()).parent().toString();
}

std::string resolveLibrary(const std::string& library, const std::vector<std::string>& pluginDirs,
                           const std::string& baseDir)
{
    if (library.find('/') != std::string::npos)
        return Poco::Path(baseDir).resolve(Poco::Path(library)).toString();
    const bool hasSuffix = library.size() > 3 && library.compare(library.size() - 3, 3, ".so") == 0;
    std::vector<std::string> candidates;
    for (const std::string& dir : pluginDirs)
    {
        candidates.push_back(
            Poco::Path(dir).makeDirectory().setFileName(hasSuffix ? library : library + ".so").toString());
        if (Poco::File(candidates.back()).exists())
            return candidates.back();
    }
    // Found nowhere: the first folder's path, so the load error names where
    // the plugin was expected.
    return candidates.front();
}

} // namespace

const std::vector<SectionKeys> FeedsConfiguration::SECTIONS = {{"feeds", {"enabled", "plugin_dir"}}};

FeedsConfiguration FeedsConfiguration::read(const Poco::Util::AbstractConfiguration& config,
                                            const std::string& sourcePath,
                                            const std::vector<std::string>& defaultPluginDirs)
{
    Poco::Logger& logger = Poco::Logger::get("feedhub.feeds");
    const std::string baseDir = directoryOf(sourcePath);
    const std::string pluginDir = config.getString("feeds.plugin_dir", "");
    const std::vector<std::string> pluginDirs =
        pluginDir.empty()
            ? defaultPluginDirs
            : std::vector<std::string>{Poco::Path(baseDir).resolve(Poco::Path(pluginDir)).toString()};
    if (pluginDirs.empty())
        throw Poco::InvalidArgumentException("feeds.plugin_dir: no folder to look for plugins in");

    FeedsConfiguration result;
    Poco::StringTokenizer names(config.getString("feeds.enabled", ""), ",",
                                Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& name : names)
    {
        if (!isFeedName(name))
            throw Poco::InvalidArgumentException("feeds.enabled: '" + name +
                                                 "' is not a feed name (1 to 64 of A-Z a-z 0-9 _ -)");
        if (std::any_of(result.enabled.begin(), result.enabled.end(),
                        [&name](const FeedSettings& feed) { return feed.name == name; }))
        {
            logger.warning("%s: feed '%s' is listed twice in [feeds] enabled",
                           IniFileLines::locate(sourcePath, "feeds", "enabled"), name);
            continue;
        }
        FeedSettings feed;
        feed.name = name;
        feed.sourcePath = sourcePath;
        const std::string prefix = "feed." + name;
        collectLeaves(config, prefix, "", feed.section);
        const std::string library = config.getString(prefix + ".library", "");
        feed.library = resolveLibrary(library.empty() ? name : library, pluginDirs, baseDir);
        feed.required = SettingValues::readBool(config, prefix + ".required", false);
        result.enabled.push_back(std::move(feed));
    }
    return result;
}

} // namespace feedhub
