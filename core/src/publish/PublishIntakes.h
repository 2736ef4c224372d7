//
// PublishIntakes.h
//
// Definition of the PublishIntakes class.
//

#ifndef feedhub_PublishIntakes_INCLUDED
#define feedhub_PublishIntakes_INCLUDED

#include "feedhub/HttpRequest.h"
#include "feedhub/Publication.h"
#include "feedhub/PublishIntake.h"
#include "feeds/KeepingLoaded.h"
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace feedhub
{

class PublishIntakes
    /// The feeds' intakes by topic prefix (FeedContext::takePublishes()): a
    /// client's publication to such a topic goes to the feed's intake instead
    /// of to the bus (POST /publish, a WebSocket publish). Prefixes of
    /// different intakes never overlap, so a topic has at most one intake.
    /// Any thread; looked up on the loops for every publish, under a shared
    /// lock that only a feed starting or stopping takes exclusively.
{
public:
    using Take = std::function<std::string(const HttpRequest&, const Publication&)>;
    using Intake = KeepingLoaded<Take>;
        /// An intake's take(), keeping its plugin loaded while it runs.

    void add(const std::string& prefix, const std::string& feed, std::shared_ptr<PublishIntake> intake,
             std::shared_ptr<void> plugin);
        /// From now on topics starting with prefix go to intake, of the feed
        /// of that name, whose code plugin keeps loaded. Throws
        /// Poco::InvalidArgumentException for an empty prefix,
        /// Poco::ExistsException if prefix overlaps one taken (one starts the
        /// other).

    void remove(const std::string& prefix);
        /// Gives prefix back; a call under way finishes with its own copy.

    std::optional<Intake> intakeFor(const std::vector<Publication>& publications) const;
        /// The intake publications go to: one when they are a single
        /// publication to an intake's topic, none when no publication goes to
        /// an intake. Throws HttpError 400 for a batch holding a publication
        /// to an intake's topic, which must come alone.

private:
    struct Entry
    {
        std::string feed;
        Intake intake;
    };

    const Entry* find(const std::string& topic) const;
        /// The entry taking topic, or null. Under the lock.

    mutable std::shared_mutex _mutex;
    std::map<std::string, Entry> _intakes;
        /// By prefix.
};

} // namespace feedhub

#endif // feedhub_PublishIntakes_INCLUDED
