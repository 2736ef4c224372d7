//
// FeedPlugins.h
//
// Definition of the FeedPlugins class.
//

#ifndef feedhub_FeedPlugins_INCLUDED
#define feedhub_FeedPlugins_INCLUDED

#include <string>

class FeedPlugins
    /// Where the build puts the feed plugins, for tests that load them.
{
public:
    static std::string dir();
        /// The shipped feeds: <build>/plugins.

    static std::string path(const std::string& name);
        /// A shipped feed's plugin file.

    static std::string testPath(const std::string& name);
        /// A plugin built for the loader tests (tests/plugins).

    static std::string feedsSection(const std::string& enabled);
        /// A [feeds] section enabling the comma-separated feeds, with the
        /// build's plugin directory (never the installed one).
};

#endif // feedhub_FeedPlugins_INCLUDED
