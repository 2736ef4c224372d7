//
// Feed.h
//
// Definition of the Feed interface.
//

#ifndef feedhub_Feed_INCLUDED
#define feedhub_Feed_INCLUDED

#include "Poco/Util/AbstractConfiguration.h"
#include "feedhub/Export.h"
#include <string>
#include <vector>

namespace feedhub
{

class FeedContext;

class FEEDHUB_API Feed
    /// A source of events that runs inside the hub, built as a plugin (see
    /// PluginApi.h and docs/writing-a-feed.md).
    ///
    /// The hub creates one instance per [feed.<name>] section that [feeds]
    /// enables, then calls configure() once, start() once and, when the feed
    /// is disabled, changed or the hub stops, stop() once before destroying
    /// it. A changed section is applied to a new instance, never to a running
    /// one, so a feed never has to reconfigure itself.
    ///
    /// Before it applies hub.ini (at start, on reload, for feedhub
    /// --check-config) the hub also checks each section with an instance of
    /// its own: configure() only, then destruction, never start(). So
    /// configure() reads and checks its section and nothing more; what the
    /// feed acquires (files, databases, threads) waits for start().
{
public:
    virtual ~Feed();

    virtual std::string name() const = 0;
        /// What kind of feed this is ("stock quotes"), for the hub's log; the
        /// instance's own name is FeedContext::name().

    virtual std::vector<std::string> keys() const = 0;
        /// The keys the feed reads from its section. The hub warns, with file
        /// and line, about any other key there except its own "library" and
        /// "required".

    virtual void configure(const Poco::Util::AbstractConfiguration& section) = 0;
        /// Reads the feed's [feed.<name>] section (keys without the prefix).
        /// Throws Poco::InvalidArgumentException whose message starts with
        /// the key ("interval_ms must be at least 10"): the hub then refuses
        /// the file, naming the file and the key's line. A value Poco cannot
        /// parse (getInt() of "abc") is blamed on the key read last.

    virtual void start(FeedContext& context) = 0;
        /// Publishes, mounts routes and schedules timers through the context,
        /// which stays valid until the instance is destroyed. If start()
        /// throws, the hub undoes what was done through the context, reports
        /// the feed as failed and unloads it without calling stop().

    virtual void stop();
        /// Called after the hub has unmounted the feed's routes, removed its
        /// greeters and cancelled its timers (no timer task runs any more),
        /// for work of the feed's own to end; does nothing by default.
        /// Requests already being served may still finish afterwards, so
        /// release what they use in the destructor, not here.
};

} // namespace feedhub

#endif // feedhub_Feed_INCLUDED
