//
// FeedState.h
//
// Definition of the FeedState interface.
//

#ifndef feedhub_FeedState_INCLUDED
#define feedhub_FeedState_INCLUDED

#include "Poco/Types.h"
#include "feedhub/Export.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

class FEEDHUB_API FeedState
    /// Records a feed keeps beside its events (a room's members, a
    /// document's text), shared by every hub of a cluster: in a SQLite file
    /// of the feed's own on one hub, in Redis with [cluster] backend = redis.
    /// A feed that keeps its state here runs unchanged on one hub and on
    /// three.
    ///
    /// Records are grouped in tables and hold any bytes. Each record has a
    /// version counting its writes (1 when it is made), and every write names
    /// the version it expects the record to have: of hubs racing to change one
    /// record exactly one wins, the others read again and retry. A commit is
    /// durable when it returns (the file is synced as [history] sync says;
    /// Redis as its appendfsync says).
    ///
    /// Every call waits on the disk or the network: call it from routes,
    /// publish intakes and timers, never from an event loop. Each throws
    /// HttpError 503 if the store cannot be reached now (nothing changed, or
    /// for a commit: nothing, or all of it if the answer was lost).
    /// Thread-safe.
{
public:
    struct Record
    {
        std::string value;
        Poco::Int64 version = 0;
    };

    static constexpr Poco::Int64 ABSENT = 0;
        /// A write's expected version: the record must not exist.
    static constexpr Poco::Int64 ANY = -1;
        /// A write's expected version: whatever the record holds, if anything.

    struct Write
    {
        std::string table;
        std::string key;
        Poco::Int64 expected = ABSENT;
        std::optional<std::string> value;
            /// What the record will hold; nothing removes it.
    };

    virtual ~FeedState();

    virtual std::optional<Record> get(const std::string& table, const std::string& key) = 0;
        /// The record, if there is one.

    virtual std::map<std::string, Record> list(const std::string& table) = 0;
        /// Every record of table, by key.

    virtual std::size_t count(const std::string& table) = 0;
        /// How many records table holds, without reading them.

    virtual bool commit(const std::vector<Write>& writes) = 0;
        /// Makes every write at once, or none of them: answers false, and
        /// changes nothing, if a record's version is not the one its write
        /// expects. A written record's version becomes one more than it was
        /// (1 for a record made); a removed one is gone (made again, it starts
        /// at 1). Throws Poco::InvalidArgumentException for an empty table or
        /// key.

    bool put(const std::string& table, const std::string& key, const std::string& value, Poco::Int64 expected);
        /// commit() of one write.

    bool remove(const std::string& table, const std::string& key, Poco::Int64 expected);
        /// commit() of one removal.
};

} // namespace feedhub

#endif // feedhub_FeedState_INCLUDED
