//
// HubConfiguration.h
//
// Definition of the HubConfiguration class.
//

#ifndef feedhub_HubConfiguration_INCLUDED
#define feedhub_HubConfiguration_INCLUDED

#include "Poco/AutoPtr.h"
#include "Poco/Util/IniFileConfiguration.h"
#include "config/HubSettings.h"
#include "config/LogSettings.h"
#include "auth/AuthSettings.h"
#include "feeds/FeedsConfiguration.h"
#include <string>
#include <vector>

namespace feedhub
{

class HubConfiguration
/// One reading of hub.ini, checked as a whole: the hub's settings, the feeds
/// to run and the log's. The daemon reads it at start and again on SIGHUP,
/// where a file with any error is refused before anything changes; the
/// feeds' sections are checked by the feeds themselves (FeedCheck).
{
public:
    static HubConfiguration read(const std::string& path, const std::vector<std::string>& defaultPluginDirs);
    /// Reads and checks path: every line is a [section] header, a ; comment
    /// or key = value, every section and key outside [feed.<name>] is one
    /// a reader lists in its SECTIONS, every value is valid. Throws
    /// Poco::DataException saying what is wrong, prefixed with
    /// "<path>:<line>: " (or "<path>: " when no line of the file is to blame).

    const HubSettings& hub() const { return _hub; }
    const AuthSettings& auth() const { return _auth; }
    const FeedsConfiguration& feeds() const { return _feeds; }
    const LogSettings& log() const { return _log; }

    std::vector<std::string> changesNeedingRestart(const HubConfiguration& running) const;
    /// The settings that differ from running's outside [feeds], [feed.*] and
    /// [log] level and access: the hub takes those (port, threads, limits...) only when it
    /// starts. One message per setting, "<path>:<line>: [section] key
    /// changed from 'old' to 'new'".

private:
    std::string valueOrDefault(const std::string& section, const std::string& key) const;

    std::string _path;
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> _file;
    HubSettings _hub;
    AuthSettings _auth;
    FeedsConfiguration _feeds;
    LogSettings _log;
};

} // namespace feedhub

#endif // feedhub_HubConfiguration_INCLUDED
