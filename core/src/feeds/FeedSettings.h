//
// FeedSettings.h
//
// Definition of the FeedSettings struct.
//

#ifndef feedhub_FeedSettings_INCLUDED
#define feedhub_FeedSettings_INCLUDED

#include "Poco/AutoPtr.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <map>
#include <string>

namespace feedhub
{

struct FeedSettings
    /// One enabled feed as hub.ini describes it: [feed.<name>].
{
    std::string name;
    std::string library;
        /// The plugin file's path, resolved against [feeds] plugin_dir.
    bool required = false;
        /// If the feed fails, the daemon does not start (else it runs without it).
    std::map<std::string, std::string> section;
        /// Every key of [feed.<name>] with its value, "library" and
        /// "required" included: a change to any of them restarts the feed.
    std::string sourcePath;
        /// The hub.ini file, for messages that point at a line.

    Poco::AutoPtr<Poco::Util::AbstractConfiguration> configuration() const;
        /// The section as the feed's configure() reads it: a copy that a
        /// later reload of hub.ini does not change under the feed.

    bool operator==(const FeedSettings& other) const;
    bool operator!=(const FeedSettings& other) const { return !(*this == other); }
};

} // namespace feedhub

#endif // feedhub_FeedSettings_INCLUDED
