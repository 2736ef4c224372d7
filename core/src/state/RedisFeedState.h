//
// RedisFeedState.h
//
// Definition of the RedisFeedState class.
//

#ifndef feedhub_RedisFeedState_INCLUDED
#define feedhub_RedisFeedState_INCLUDED

#include "Poco/Timespan.h"
#include "cluster/RedisLink.h"
#include "feedhub/FeedState.h"
#include <functional>

namespace feedhub
{

class RedisFeedState : public FeedState
    /// A feed's records in Redis ([cluster] backend = redis), shared by every
    /// hub on that server: one hash per table, <key prefix>state:<feed>:<table>,
    /// whose fields are the records' keys and whose values are
    /// "<version>:<bytes>". Keeping the version in the value lets one HGET or
    /// HGETALL read records and versions together, consistent, without a
    /// script. A commit is one Lua script (RedisScripts::commit()), which
    /// Redis runs alone: it checks every expected version, then makes every
    /// write, or none.
    ///
    /// Talks to Redis on the hub's RedisLink: a call posts its command to
    /// the link's thread and waits for the reply there, so it blocks the
    /// caller (a worker or a timer thread) for at most about the link's
    /// timeout. No reply, a link that is down, or no answer in time is an
    /// HttpError 503; only before the link was first up (feeds start while
    /// it connects) does a call wait for it, up to the timeout.
{
public:
    RedisFeedState(RedisLink& link, const std::string& keyPrefix, const std::string& feed,
                   Poco::Timespan timeout);
        /// The records of feed under the [cluster] key_prefix. link must
        /// outlive this; timeout is the link's own.

    std::optional<Record> get(const std::string& table, const std::string& key) override;
    std::map<std::string, Record> list(const std::string& table) override;
    std::size_t count(const std::string& table) override;
    bool commit(const std::vector<Write>& writes) override;

private:
    using Send = std::function<void(RedisLink& link, RedisLink::Replied replied)>;
        /// Sends one command or script on the link's thread.

    template <typename Result>
    Result ask(Send send, std::function<Result(const redisReply& reply)> read);
        /// Runs send on the link's thread and waits for what read makes of
        /// the reply there. Throws HttpError 503 if Redis gave no reply or an
        /// error, and what read throws.

    std::string hashOf(const std::string& table) const;

    RedisLink& _link;
    std::string _tablePrefix;
    Poco::Timespan _timeout;
};

} // namespace feedhub

#endif // feedhub_RedisFeedState_INCLUDED
