//
// PluginApi.h
//
// The plugin API version and the FEEDHUB_FEED macro that exports a feed.
//

#ifndef feedhub_PluginApi_INCLUDED
#define feedhub_PluginApi_INCLUDED

#include "Poco/ClassLibrary.h"
#include "feedhub/Feed.h"

// The version of the plugin API: Feed, FeedContext and every class they hand
// out. It goes up whenever a change would break a plugin built against an
// earlier version; the hub refuses a plugin built for any other version.
// Version 2: routes take HttpRequest and answer through a Reply, greetings
// are SubscriberGreeting, and libfeedhub exports only this API.
// Version 3: a route mounted at a path ending in "/" serves the paths under it;
// FeedContext::makePrivate() and authorizeSubscribe().
// Version 4: FeedContext::state(), a FeedState shared by the hubs of a cluster,
// FeedContext::watchTopic(), and takePublishes(), a PublishIntake taking what
// clients publish to a feed's topics.
#define FEEDHUB_PLUGIN_API_VERSION 4

// The symbol a plugin exports with the version it was built for.
#define FEEDHUB_PLUGIN_VERSION_SYMBOL "feedhub_plugin_api_version"

// Exports FeedClass, a Feed with a public default constructor, as the
// plugin's feed. Use it once per plugin, at global scope, with the class's
// qualified name: FEEDHUB_FEED(myfeed::CounterFeed). Besides the Poco
// manifest it exports the API version the plugin is built for, which the hub
// checks before it reads the manifest.
#define FEEDHUB_FEED(FeedClass)                                                                              \
    extern "C"                                                                                               \
    {                                                                                                        \
        __attribute__((visibility("default"))) extern const int feedhub_plugin_api_version;                  \
        const int feedhub_plugin_api_version = FEEDHUB_PLUGIN_API_VERSION;                                   \
    }                                                                                                        \
    POCO_BEGIN_MANIFEST(feedhub::Feed)                                                                       \
    POCO_EXPORT_CLASS(FeedClass)                                                                             \
    POCO_END_MANIFEST

#endif // feedhub_PluginApi_INCLUDED
