//
// HostedFeed.h
//
// Definition of the HostedFeed class.
//

#ifndef feedhub_HostedFeed_INCLUDED
#define feedhub_HostedFeed_INCLUDED

#include "feeds/FeedLibrary.h"
#include "feeds/HostedFeedContext.h"
#include "feeds/FeedSettings.h"
#include "hub/Hub.h"
#include <memory>

namespace feedhub
{

class HostedFeed : public std::enable_shared_from_this<HostedFeed>
    /// One feed as the host runs it: its plugin, its instance and its context.
    ///
    /// Shared by the host and by every handler, waiter and greeter of the
    /// feed in flight; the last one to let go destroys the instance and then
    /// unloads the plugin.
{
public:
    static std::shared_ptr<HostedFeed> start(Hub& hub, const FeedSettings& settings);
        /// Loads the plugin, then configures and starts the feed. Throws Poco::RuntimeException
        /// saying why the plugin cannot be loaded, or which step failed and
        /// why, having undone the others.

    HostedFeed(Hub& hub, const FeedSettings& settings);
        /// Loads the plugin; use start().

    ~HostedFeed();

    void stop();
        /// Undoes what the feed did through its context, then calls its stop().

    const FeedSettings& settings() const { return _settings; }
    Feed& feed() { return _library.feed(); }

private:
    FeedSettings _settings;
    HostedFeedContext _context;
    FeedLibrary _library;
        /// Declared last, so destroyed first: the instance goes, then the
        /// plugin, while the (by then released) context still exists.
};

} // namespace feedhub

#endif // feedhub_HostedFeed_INCLUDED
