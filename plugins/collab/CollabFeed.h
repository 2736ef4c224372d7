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
    /// SQLite. GET and POST <path><name> (see DocumentHandler); every applied
    /// change is a "change" event {"version","ops","client","author","time"}
    /// on doc.<name>, its ops made to the version before.
{
public:
    std::string name() const override;
    std::vector<std::string> keys() const override;
    void configure(const Poco::Util::AbstractConfiguration& section) override;
    void start(FeedContext& context) override;

    static std::string defaultDatabase();
        /// collab.db in the packaged hub's state directory if it exists, else
        /// in the build tree's state/ folder (a hub run from the source tree).

private:
    DocumentBoard::Limits _limits;
    std::string _database;
    std::string _path;
};

} // namespace feedhub::collab

#endif // feedhub_collab_CollabFeed_INCLUDED
