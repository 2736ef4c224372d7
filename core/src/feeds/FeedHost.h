//
// FeedHost.h
//
// Definition of the FeedHost class.
//

#ifndef feedhub_FeedHost_INCLUDED
#define feedhub_FeedHost_INCLUDED

#include "feeds/FeedFailure.h"
#include "feeds/FeedSettings.h"
#include "feeds/FeedsConfiguration.h"
#include "hub/Hub.h"
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace feedhub
{

class HostedFeed;

class FeedHost
    /// Runs the feeds hub.ini enables, each from its own plugin, inside a hub.
    ///
    /// Feeds are started, stopped and replaced one by one, by name, so a new
    /// configuration (a reload of hub.ini) is applied as a difference and the
    /// feeds it does not touch keep running. A feed that fails to load,
    /// configure or start is reported and unloaded; the hub and the other
    /// feeds carry on. The host logs what starts and stops; failures are
    /// its callers' to report, once.
{
public:
    explicit FeedHost(Hub& hub);
    ~FeedHost();
        /// Stops every feed.

    FeedHost(const FeedHost&) = delete;
    FeedHost& operator=(const FeedHost&) = delete;

    std::vector<FeedFailure> apply(const FeedsConfiguration& configuration);
        /// Makes the running feeds those configuration enables: stops the
        /// feeds it no longer enables, restarts those whose settings changed,
        /// starts the new ones. Returns the feeds that failed to start; they
        /// are not running.

    void start(const FeedSettings& settings);
        /// Loads, configures and starts one feed. Throws Poco::ExistsException
        /// if a feed of that name runs, or Poco::RuntimeException saying why
        /// the feed failed (it is then unloaded).

    void stop(const std::string& name);
        /// Stops one feed; its plugin is unloaded once the last request it
        /// serves is done. Does nothing if no feed of that name runs.

    void stopAll();
        /// Stops every feed, the most recently started first.

    std::vector<std::string> running() const;
        /// The names of the running feeds, in the order they started.

private:
    void startLocked(const FeedSettings& settings);
    void stopLocked(const std::string& name);

    Hub& _hub;
    Poco::Logger& _logger;
    mutable std::mutex _mutex;
    std::vector<std::shared_ptr<HostedFeed>> _feeds;
};

} // namespace feedhub

#endif // feedhub_FeedHost_INCLUDED
