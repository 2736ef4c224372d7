//
// CollabFeed.h
//
// Definition of the CollabFeed class.
//

#ifndef feedhub_collab_CollabFeed_INCLUDED
#define feedhub_collab_CollabFeed_INCLUDED

#include "DocumentBoard.h"
#include "feedhub/Feed.h"

namespace feedhub::collab
{

class CollabFeed : public Feed
    /// Shared plain-text documents that many clients edit at once, kept in
    /// the feed's state (see DocumentBoard), so that every hub of a cluster
    /// serves the same ones. GET and POST <path><name> (see DocumentHandler);
    /// every applied change is a "change" event
    /// {"version","ops","client","author","time"} on doc.<name>, its ops made
    /// to the version before.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(FeedContext& context) override;

private:
    DocumentBoard::Limits _limits;
    std::string _path;
};

} // namespace feedhub::collab

#endif // feedhub_collab_CollabFeed_INCLUDED
