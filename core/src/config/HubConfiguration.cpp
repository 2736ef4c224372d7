//
// HubConfiguration.cpp
//

#include "config/HubConfiguration.h"
#include "config/IniFileLines.h"
#include "auth/TokenVerifier.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include "Poco/String.h"
#include "config/IniFileLines.h"
#include <set>

namespace feedhub
{

namespace
{

// Sections applied while the hub runs; every other one needs a restart.
bool isLiveSection(const std::string& section)
{
    return Poco::icompare(section, "feeds") == 0 || Poco::icompare(section, "feed") == 0 ||
           Poco::icompare(section, "log") == 0;
}

// Errors from the settings readers start with the full key ("server.port must
// be ...", "feeds.enabled: ..."): its section is what precedes the last dot.
std::string locateError(const std::string& path, const std::string& message)
{
    const std::string key = message.substr(0, message.find_first_of(" :"));
    const std::size_t dot = key.rfind('.');
    if (dot == std::string::npos)
        return path;
    return IniFileLines::locate(path, key.substr(0, dot), key.substr(dot + 1));
}

} // namespace

HubConfiguration HubConfiguration::read(const std::string& path,
                                        const std::vector<std::string>& defaultPluginDirs)
{
    HubConfiguration configuration;
    configuration._path = path;
    try
    {
        configuration._file = new Poco::Util::IniFileConfiguration(path);
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::DataException(path + ": cannot read it: " + exc.displayText());
    }
    try
    {
        configuration._hub = HubSettings::fromConfiguration(*configuration._file);
        configuration._auth = AuthSettings::fromConfiguration(*configuration._file);
        // Reads the public key now, so that one that cannot be used is a configuration error.
        TokenVerifier verifier(configuration._auth);
        configuration._feeds = FeedsConfiguration::read(*configuration._file, path, defaultPluginDirs);
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::DataException(locateError(path, exc.message()) + ": " + exc.message());
    }
    const std::string level = configuration._file->getString("log.level", "information");
    try
    {
        configuration._logLevel = Poco::Logger::parseLevel(level);
    }
    catch (const Poco::InvalidArgumentException&)
    {
        throw Poco::DataException(IniFileLines::locate(path, "log", "level") + ": log.level '" + level +
                                  "' is not one of fatal, critical, error, warning, notice, information, "
                                  "debug, trace");
    }
    return configuration;
}

std::vector<std::string> HubConfiguration::changesNeedingRestart(const HubConfiguration& running) const
{
    std::set<std::string> sections;
    for (const HubConfiguration* configuration : {this, &running})
    {
        Poco::Util::AbstractConfiguration::Keys names;
        configuration->_file->keys(names);
        for (const std::string& name : names)
        {
            if (!isLiveSection(name))
                sections.insert(Poco::toLower(name));
        }
    }
    std::vector<std::string> changes;
    for (const std::string& section : sections)
    {
        std::set<std::string> keys;
        for (const HubConfiguration* configuration : {this, &running})
        {
            Poco::Util::AbstractConfiguration::Keys names;
            configuration->_file->keys(section, names);
            for (const std::string& name : names)
                keys.insert(Poco::toLower(name));
        }
        for (const std::string& key : keys)
        {
            const std::string before = running.valueOrDefault(section, key);
            const std::string after = valueOrDefault(section, key);
            // A secret is never logged, not even the old one.
            const bool secret = key == "secret";
            if (before != after)
                changes.push_back(IniFileLines::locate(_path, section, key) + ": [" + section + "] " + key +
                                  (secret ? " changed" : " changed from '" + before + "' to '" + after + "'"));
        }
    }
    return changes;
}

std::string HubConfiguration::valueOrDefault(const std::string& section, const std::string& key) const
{
    return _file->getString(section + "." + key, "(default)");
}

} // namespace feedhub
