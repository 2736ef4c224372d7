//
// FeedCheck.h
//
// Definition of the FeedCheck class.
//

#ifndef feedhub_FeedCheck_INCLUDED
#define feedhub_FeedCheck_INCLUDED

#include "feeds/FeedFailure.h"
#include "feeds/FeedSettings.h"
#include "feeds/FeedsConfiguration.h"
#include <vector>

namespace feedhub
{

class FeedCheck
    /// Checks the feeds' sections of hub.ini before anything is applied:
    /// each enabled feed's plugin is loaded and a new instance of its feed
    /// configures itself from the section, then is destroyed without being
    /// started (Feed.h allows it). A reload, feedhub --check-config and the
    /// daemon's start all check this way.
{
public:
    static void check(const FeedSettings& settings);
        /// Throws Poco::DataException "<file>:<line>: <what is wrong>": the
        /// plugin that cannot be loaded ("feed.<name>.library: ..."), or what
        /// configure() refused, at the line of the key it names (or of the
        /// key whose value did not parse) or else of the section. Warns, with
        /// file and line, about each key the feed does not know.

    static std::vector<FeedFailure> check(const FeedsConfiguration& configuration);
        /// Checks every enabled feed; the failures in the order [feeds]
        /// enabled lists them.
};

} // namespace feedhub

#endif // feedhub_FeedCheck_INCLUDED
