//
// HubConfiguration.cpp
//

#include "config/HubConfiguration.h"
#include "config/IniFileLines.h"
#include "auth/TokenVerifier.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include <algorithm>
#include <set>

namespace feedhub
{

namespace
{

// Settings applied while the hub runs; every other one needs a restart.
bool isLive(const std::string& section, const std::string& key)
{
    return section == "feeds" || section == "feed" || (section == "log" && (key == "level" || key == "access"));
}

// Every section the hub reads, from the readers that read them: a reader of
// a new section adds its list here.
std::vector<SectionKeys> knownSections()
{
    std::vector<SectionKeys> sections;
    for (const std::vector<SectionKeys>* reader :
         {&HubSettings::SECTIONS, &AuthSettings::SECTIONS, &LogSettings::SECTIONS, &FeedsConfiguration::SECTIONS})
        sections.insert(sections.end(), reader->begin(), reader->end());
    return sections;
}

std::string sectionList(const std::vector<SectionKeys>& sections)
{
    std::string list;
    for (const SectionKeys& known : sections)
        list += "[" + known.section + "], ";
    return list + "[feed.<name>]";
}

// Refuses the first section or key, in file order, that no reader knows:
// Poco would keep it and nothing would read it.
void checkNames(const std::string& path, const std::vector<IniFileLines::Line>& lines)
{
    const std::vector<SectionKeys> sections = knownSections();
    for (const IniFileLines::Line& line : lines)
    {
        const std::string where = path + ":" + Poco::NumberFormatter::format(line.number) + ": ";
        // The feeds' own sections are checked by the feeds (FeedCheck).
        if (line.section.rfind("feed.", 0) == 0)
            continue;
        if (line.section.empty())
            throw Poco::DataException(where + "'" + line.key + "' comes before any [section] header");
        auto known = std::find_if(sections.begin(), sections.end(),
                                  [&line](const SectionKeys& candidate) { return candidate.section == line.section; });
        if (known == sections.end())
        {
            if (line.key.empty())
                throw Poco::DataException(where + "unknown section [" + line.section + "]; hub.ini has " +
                                          sectionList(sections));
            continue;
        }
        if (!line.key.empty() && std::find(known->keys.begin(), known->keys.end(), line.key) == known->keys.end())
            throw Poco::DataException(where + "unknown key '" + line.key + "' in [" + line.section + "]; it has " +
                                      Poco::cat(std::string(", "), known->keys.begin(), known->keys.end()));
    }
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
    checkNames(path, IniFileLines::read(path));
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
        configuration._log = LogSettings::fromConfiguration(*configuration._file);
        configuration._feeds = FeedsConfiguration::read(*configuration._file, path, defaultPluginDirs);
    }
    catch (const Poco::Exception& exc)
    {
        throw Poco::DataException(locateError(path, exc.message()) + ": " + exc.message());
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
            sections.insert(Poco::toLower(name));
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
            if (isLive(section, key))
                continue;
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
