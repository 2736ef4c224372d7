//
// RedisScripts.h
//
// Definition of the RedisScripts class.
//

#ifndef feedhub_RedisScripts_INCLUDED
#define feedhub_RedisScripts_INCLUDED

#include <string>

namespace feedhub
{

class RedisScripts
    /// The Lua scripts a RedisBus runs in Redis, each one atomic step.
    ///
    /// Keys, under the [cluster] key_prefix P: P..seq (the hub-wide
    /// sequence), P..origin (microseconds when the hub's history began),
    /// P..topics (sorted set: topic by its last sequence), P..dropped (hash:
    /// topic to the newest sequence trimmed away), P..stream:<topic> (one
    /// stream per topic, entry id <sequence>-0, fields t(ype), d(ata) and
    /// m(icroseconds)), the channel P..events, and the feeds' states
    /// (P..state:<feed>:<table>, see commit()). Keys are derived from the
    /// prefix inside the scripts, so a single Redis server is needed, not a
    /// Redis Cluster.
    ///
    /// A sequence is max(previous + 1, Redis's clock in microseconds): it
    /// increases by one within a burst and jumps with time, so the stream ids
    /// are also an upper bound of each event's time and MINID trims by age.
    /// Every message on the channel says which sequence came before it, so a
    /// node sees a gap as soon as one message is missing.
{
public:
    static const std::string& publish();
        /// ARGV: prefix, max events (0: no bound), max age in microseconds
        /// (0: none), then topic, type, data per event. Numbers the events,
        /// adds them to their streams, trims the streams and PUBLISHes
        /// "<previous> <sequence> <micros> <held> <topic length> <type length>\n"
        /// followed by topic, type and data for each. Returns the time, then
        /// each event's sequence.

    static const std::string& read();
        /// ARGV: prefix, after, limit (0: none), then the topics (none: every
        /// topic with an event after). Returns the hub's sequence, its origin,
        /// 1 if an event after was trimmed away (else 0), then topic,
        /// sequence, type, data, micros per event, oldest first.

    static const std::string& head();
        /// ARGV: prefix. Returns the hub's sequence and origin, then topic,
        /// held, sequence, type, data, micros of each topic's newest event.

    static const std::string& trim();
        /// ARGV: prefix, max events, max age in microseconds: trims every
        /// topic's stream by the bounds.

    static const std::string& commit();
        /// A feed state commit (RedisFeedState). ARGV: the feed's table
        /// prefix T (P..state:<feed>:), then table, key, expected version
        /// (0: absent, -1: any), "put" or "remove", value per write; each
        /// table is the hash T..<table>, each record a field holding
        /// "<version>:<value>". Checks every write's expected version, the
        /// ones before it in the commit counted, and only if all match makes
        /// them: returns 1, else 0 with nothing changed.
};

} // namespace feedhub

#endif // feedhub_RedisScripts_INCLUDED
