//
// SqliteFeedState.h
//
// Definition of the SqliteFeedState class.
//

#ifndef feedhub_SqliteFeedState_INCLUDED
#define feedhub_SqliteFeedState_INCLUDED

#include "Poco/Data/Session.h"
#include "feedhub/FeedState.h"
#include <mutex>

namespace feedhub
{

class SqliteFeedState : public FeedState
    /// A feed's records in a SQLite file of its own (one hub): one row per
    /// record, keyed by table and key, in WAL mode. A commit is one
    /// transaction. Calls take turns on one connection.
{
public:
    SqliteFeedState(const std::string& path, bool fullSync);
        /// Opens the file, creating it and its folder if needed. Throws
        /// Poco::Exception saying which file could not be opened and why.

    std::optional<Record> get(const std::string& table, const std::string& key) override;
    std::map<std::string, Record> list(const std::string& table) override;
    std::size_t count(const std::string& table) override;
    bool commit(const std::vector<Write>& writes) override;

private:
    bool tryCommit(const std::vector<Write>& writes);

    std::string _path;
    std::mutex _mutex;
    Poco::Data::Session _session;
};

} // namespace feedhub

#endif // feedhub_SqliteFeedState_INCLUDED
