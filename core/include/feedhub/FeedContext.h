//
// FeedContext.h
//
// Definition of the FeedContext interface.
//

#ifndef feedhub_FeedContext_INCLUDED
#define feedhub_FeedContext_INCLUDED

#include "Poco/Logger.h"
#include "Poco/Timespan.h"
#include "Poco/Util/TimerTask.h"
#include "feedhub/Export.h"
#include "feedhub/FeedState.h"
#include "feedhub/PublishIntake.h"
#include "feedhub/Publisher.h"
#include "feedhub/RouteHandler.h"
#include "feedhub/SubscriberGreeting.h"
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace feedhub
{

class FEEDHUB_API FeedContext
    /// What the hub offers a running feed.
    ///
    /// Everything a feed sets up through its context is undone by the hub
    /// when the feed stops: routes and streams unmounted, greeters and
    /// intakes removed, timers cancelled. Routes, the requests they serve, the
    /// replies they keep, parked waiters, greeters and intakes keep the feed
    /// instance, this context and the plugin alive until the hub has
    /// destroyed the last of them, so a request in flight never meets a
    /// destroyed feed or unloaded code.
{
public:
    virtual ~FeedContext();

    virtual const std::string& name() const = 0;
        /// The feed's name in hub.ini: "stock" for [feed.stock].

    virtual Publisher& publisher() = 0;
        /// Publishes to the hub's topics; any thread. Each topic published
        /// to is claimed for the feed (see claimTopic()).

    virtual Poco::Logger& logger() = 0;
        /// The logger "feedhub.feed.<name>".

    virtual void mount(const std::string& path, std::shared_ptr<RouteHandler> handler) = 0;
        /// Serves requests for exactly path with handler, on the hub's worker
        /// threads; a path ending in "/" ("/api/docs/") serves every path
        /// under it too, the handler reading the rest from request.path()
        /// (a deeper mount wins). Throws Poco::ExistsException if the path is taken by the
        /// hub or another feed.

    virtual void mountEventStream(const std::string& path, std::vector<std::string> topics) = 0;
        /// Serves an SSE stream of topics at path, as /events does (a request
        /// may still name its own with ?topic=). Throws Poco::ExistsException
        /// if the path is taken.

    virtual void greetSubscribers(const std::string& topic, SubscriberGreeter greeter) = 0;
        /// Sends each new SSE subscriber of topic an event of its own, without
        /// an id (see SubscriberGreeting).

    virtual Poco::Util::TimerTask::Ptr every(Poco::Timespan interval, std::function<void()> task) = 0;
        /// Runs task every interval, the first time one interval from now, on
        /// the feed's own timer thread (tasks of one feed never overlap; a
        /// slow feed does not delay another). A task that throws is logged and
        /// runs again next time. Cancel one with the returned handle's
        /// cancel(); the hub cancels all of them when the feed stops.

    virtual void claimTopic(const std::string& topic) = 0;
        /// Declares that the feed publishes to topic, so that from now on
        /// /publish takes it only from a token naming it exactly: nobody
        /// forges the feed's events. Publishing through publisher() claims a
        /// topic too; declare at start the topics a feed may publish to only
        /// later. Claims end when the feed stops.

    virtual void makePrivate(const std::string& topic) = 0;
        /// From now on subscribing to topic (SSE, long poll, WebSocket) needs
        /// a token whose subscribe claim covers it, as for a topic of [auth]
        /// private_topics; until the feed stops. Make a topic private before
        /// anything is published on it.

    virtual void authorizeSubscribe(const HttpRequest& request, const std::string& topic) = 0;
        /// Throws HttpError (401, 403, or 429 for a client refused too often)
        /// unless request's token (Authorization: Bearer, the feedhub_token
        /// cookie or ?token=) may subscribe to topic, as the hub decides for
        /// its own streams: a route guarding what a private topic carries.
        /// Returns at once for a topic that is not private.

    virtual void takePublishes(const std::string& prefix, std::shared_ptr<PublishIntake> intake) = 0;
        /// From now on a client's publication to a topic starting with prefix
        /// ("chat.") goes to intake, which publishes it or refuses it, in
        /// place of the hub's publish authorization; such a publication must
        /// come alone, not in a batch. Until the feed stops. Throws
        /// Poco::ExistsException if another feed takes the prefix, or one
        /// overlapping it.

    virtual FeedState& state() = 0;
        /// The feed's records, shared by every hub of a cluster: on one hub
        /// the SQLite file feeds/<name>.db in the folder of [history]
        /// database, with [cluster] backend = redis the Redis server's. Opened
        /// at the first call; throws Poco::Exception if it cannot be.

    virtual void watchTopic(const std::string& topic, std::function<void(const EventPtr& event)> watcher) = 0;
        /// Calls watcher with every event published on topic from now on, by
        /// any hub of a cluster, in sequence order and before any subscriber
        /// of this hub is sent it: how a feed keeps what it caches from its
        /// state in step with the changes other hubs make. Called on the bus's
        /// delivery thread: it must be quick, and must neither block nor
        /// publish. Until the feed stops.
};

} // namespace feedhub

#endif // feedhub_FeedContext_INCLUDED
