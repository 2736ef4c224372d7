//
// FeedContext.h
//
// Definition of the FeedContext interface.
//

#ifndef feedhub_FeedContext_INCLUDED
#define feedhub_FeedContext_INCLUDED

#include "Poco/Logger.h"
#include "Poco/Net/HTTPRequestHandler.h"
#include "Poco/Net/HTTPServerRequest.h"
#include "Poco/Net/HTTPServerResponse.h"
#include "Poco/Timespan.h"
#include "Poco/Util/TimerTask.h"
#include "feedhub/HubSettings.h"
#include "feedhub/LongPollWaiter.h"
#include "feedhub/Publisher.h"
#include "feedhub/SubscriberGreetings.h"
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace feedhub
{

class FeedContext
    /// What the hub offers a running feed.
    ///
    /// Everything a feed sets up through its context is undone by the hub
    /// when the feed stops: routes and streams unmounted, greeters removed,
    /// timers cancelled. Handlers, waiters and greeters the feed hands over
    /// keep the feed's plugin loaded until the hub has destroyed them, so a
    /// request in flight never runs code that was unloaded.
{
public:
    using RouteFactory = std::function<std::unique_ptr<Poco::Net::HTTPRequestHandler>()>;
        /// Makes the handler for one request; called on an HTTP worker thread.
        /// Handlers usually derive from RouteHandler.

    virtual ~FeedContext();

    virtual const std::string& name() const = 0;
        /// The feed's name in hub.ini: "stock" for [feed.stock].

    virtual const HubSettings& settings() const = 0;
        /// The hub's settings (CORS origin and body size limit for routes).

    virtual Publisher& publisher() = 0;
        /// Publishes to the hub's topics; any thread.

    virtual Poco::Logger& logger() = 0;
        /// The logger "feedhub.feed.<name>".

    virtual void mount(const std::string& path, RouteFactory factory) = 0;
        /// Serves requests for exactly path. Throws Poco::ExistsException if
        /// the path is taken by the hub or another feed.

    virtual void mountEventStream(const std::string& path, std::vector<std::string> topics) = 0;
        /// Serves an SSE stream of topics at path, as /events does (a request
        /// may still name its own with ?topic=). Throws Poco::ExistsException
        /// if the path is taken.

    virtual void greetSubscribers(const std::string& topic, SubscriberGreetings::Greeter greeter) = 0;
        /// Sends each new SSE subscriber of topic an event of its own, without
        /// an id (see SubscriberGreetings).

    virtual void park(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                      std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout) = 0;
        /// Answers a long-poll request from an event loop instead of this
        /// worker thread (see Hub::park()): 200 with the waiter's body once it
        /// has one, 204 when the timeout passes. Call it last in a route's
        /// handle(), with nothing sent.

    virtual Poco::Util::TimerTask::Ptr every(Poco::Timespan interval, std::function<void()> task) = 0;
        /// Runs task every interval, the first time one interval from now, on
        /// the feed's own timer thread (tasks of one feed never overlap; a
        /// slow feed does not delay another). A task that throws is logged and
        /// runs again next time. Cancel one with the returned handle's
        /// cancel(); the hub cancels all of them when the feed stops.
};

} // namespace feedhub

#endif // feedhub_FeedContext_INCLUDED
