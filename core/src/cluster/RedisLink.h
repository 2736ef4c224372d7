//
// RedisLink.h
//
// Definition of the RedisLink class.
//

#ifndef feedhub_RedisLink_INCLUDED
#define feedhub_RedisLink_INCLUDED

#include "Poco/Logger.h"
#include "Poco/Runnable.h"
#include "Poco/Thread.h"
#include "Poco/Timespan.h"
#include "Poco/Timestamp.h"
#include "cluster/RedisAddress.h"
#include "metrics/LatencyHistogram.h"
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

struct redisAsyncContext;
struct redisReply;

namespace feedhub
{

class RedisLink : private Poco::Runnable
    /// A thread of its own that talks to one Redis server with hiredis's
    /// asynchronous API on an epoll loop: one connection for commands and
    /// scripts, one subscribed to a channel. No other thread ever waits on
    /// Redis: they post() work here, and replies are handed to callbacks on
    /// this thread, which pass results on the way the bus does (a loop posts
    /// the answer to its own thread).
    ///
    /// A reply later than the timeout, a lost connection or a refused login
    /// drops both connections; the link reconnects after a backoff that
    /// doubles up to a second, with jitter, and is up again once the command
    /// connection answers and the subscription is confirmed.
{
public:
    class Listener
        /// What the link tells its owner, on the link's thread.
    {
    public:
        virtual ~Listener() = default;
        virtual void linkUp() = 0;
            /// Both connections work, the subscription included.
        virtual void linkDown() = 0;
            /// Both connections were dropped; the link reconnects.
        virtual void message(const char* payload, std::size_t length) = 0;
            /// A message on the channel.
    };

    using Replied = std::function<void(const redisReply* reply)>;
        /// reply is null if it could not be had (no connection, lost, late);
        /// an error reply is passed as it is.

    RedisLink(const RedisAddress& address, const std::string& channel, const std::string& clientName,
              Poco::Timespan timeout, Listener& listener);
    ~RedisLink();

    void start();
    void stop();
        /// Drops the connections (pending callbacks get null) and joins.

    void post(std::function<void()> task);
        /// Runs task on the link's thread (at once on the caller's once the
        /// link has stopped). Any thread; never blocks on Redis.

    void command(const std::vector<std::string>& arguments, Replied replied);
        /// Sends a command. Link thread only.

    void script(const std::string& body, const std::vector<std::string>& arguments, Replied replied);
        /// EVALSHA of body with no keys and these arguments; EVAL if Redis
        /// answers NOSCRIPT. Link thread only.

    void load(const std::string& body);
        /// SCRIPT LOAD of body, so that the first script() of it needs no
        /// fallback. Link thread only.

    bool up() const { return _up; }
        /// Link thread only.

    bool reachable() const { return _reachable.load(std::memory_order_relaxed); }
        /// up(), for any thread (the metrics).

    std::uint64_t drops() const { return _drops.load(std::memory_order_relaxed); }
        /// How often the link was up and lost Redis. Any thread.

    const LatencyHistogram& roundTrips() const { return _roundTrips; }
        /// From sending each command to its reply. Any thread.

    std::string problem() const;
        /// Why the link is not up, or empty. Any thread.

    static std::string text(const redisReply* reply);
        /// A string, status, error or integer reply as text.

private:
    enum Slot
    {
        COMMANDS = 0,
        SUBSCRIBER = 1
    };

    struct Watch
        /// The epoll side of one hiredis context (its event hooks).
    {
        RedisLink* link;
        Slot slot;
        int fd;
        std::uint64_t tag;
        bool reading = false;
        bool writing = false;
        bool registered = false;
    };

    void run() override;
    void connect();
    void drop(const std::string& reason);
    void lost(const redisAsyncContext* context, const std::string& reason);
    void checkUp();
    void tick();
    void handle(std::uint64_t tag, std::uint32_t events);
    void update(Watch& watch);
    void runPosted();
    void setProblem(const std::string& problem);
    void send(redisAsyncContext* context, const std::vector<std::string>& arguments, Replied replied);
    void subscription(const redisReply* reply);
    Watch* watchOf(std::uint64_t tag);

    static void onConnect(const redisAsyncContext* context, int status);
    static void onDisconnect(const redisAsyncContext* context, int status);
    static void onReply(redisAsyncContext* context, void* reply, void* privdata);
    static void onMessage(redisAsyncContext* context, void* reply, void* privdata);
    static void addRead(void* data);
    static void delRead(void* data);
    static void addWrite(void* data);
    static void delWrite(void* data);
    static void cleanup(void* data);

    RedisAddress _address;
    std::string _channel;
    std::string _clientName;
    Poco::Timespan _timeout;
    Listener& _listener;
    Poco::Logger& _logger;
    int _epoll = -1;
    int _wakeup = -1;
    redisAsyncContext* _context[2] = {nullptr, nullptr};
    Watch* _watch[2] = {nullptr, nullptr};
    std::uint64_t _nextTag = 1;
    std::deque<Poco::Timestamp> _sent;
        /// When each command awaiting its reply was sent, oldest first.
    Poco::Timestamp _connectStarted;
    Poco::Timestamp _reconnectAt;
    Poco::Timestamp _lastPing;
    int _attempt = 0;
    bool _commandsReady = false;
    bool _subscribed = false;
    bool _up = false;
    std::atomic<bool> _reachable{false};
    std::atomic<std::uint64_t> _drops{0};
    LatencyHistogram _roundTrips;
    std::minstd_rand _jitter;
    std::map<const std::string*, std::string> _digests;
    std::atomic<bool> _stopping{false};
    bool _stopped = false;
    mutable std::mutex _mutex;
    std::vector<std::function<void()>> _posted;
    std::string _problem;
    Poco::Thread _thread;
};

} // namespace feedhub

#endif // feedhub_RedisLink_INCLUDED
