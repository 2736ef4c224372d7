//
// FeedsConfiguration.h
//
// Definition of the FeedsConfiguration struct.
//

#ifndef feedhub_FeedsConfiguration_INCLUDED
#define feedhub_FeedsConfiguration_INCLUDED

#include "Poco/Util/AbstractConfiguration.h"
#include "config/SectionKeys.h"
#include "feeds/FeedSettings.h"
#include <string>
#include <vector>

namespace feedhub
{

struct FeedsConfiguration
    /// Which feeds run and how, read from hub.ini's [feeds] and [feed.<name>]
    /// sections.
{
    std::vector<FeedSettings> enabled;
        /// In the order [feeds] enabled lists them.

    static const std::vector<SectionKeys> SECTIONS;
        /// [feeds] and its keys; the [feed.<name>] sections are the feeds' own.

    static FeedsConfiguration read(const Poco::Util::AbstractConfiguration& config,
                                   const std::string& sourcePath,
                                   const std::vector<std::string>& defaultPluginDirs);
        /// Reads [feeds] enabled (comma-separated feed names) and each enabled
        /// feed's section. A feed's "library" defaults to its name; a bare
        /// name means <plugin_dir>/<name>.so, a path is taken as it is
        /// (relative to the directory of sourcePath). An empty plugin_dir
        /// searches defaultPluginDirs in order: the first that holds the file
        /// wins, and the first folder is named if none does. Throws Poco::InvalidArgumentException naming the key if a
        /// value is invalid.
};

} // namespace feedhub

#endif // feedhub_FeedsConfiguration_INCLUDED
