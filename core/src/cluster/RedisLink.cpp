//
// RedisLink.cpp
//

#include "cluster/RedisLink.h"
#include "Poco/DigestEngine.h"
#include "Poco/Exception.h"
#include "Poco/SHA1Engine.h"
#include <algorithm>
#include <cstring>
#include <memory>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace feedhub
{

namespace
{

constexpr int TICK_MS = 50;
constexpr long BACKOFF_FIRST_MS = 50;
constexpr long BACKOFF_MOST_MS = 1000;
constexpr std::uint64_t WAKEUP_TAG = 0;

RedisLink& linkOf(const redisAsyncContext* context)
{
    return *static_cast<RedisLink*>(context->data);
}

} // namespace

RedisLink::RedisLink(const RedisAddress& address, const std::string& channel, const std::string& clientName,
                     Poco::Timespan timeout, Listener& listener)
    : _address(address), _channel(channel), _clientName(clientName), _timeout(timeout), _listener(listener),
      _logger(Poco::Logger::get("feedhub.cluster")),
      _jitter(static_cast<unsigned>(Poco::Timestamp().epochMicroseconds() ^ ::getpid())), _thread("redis")
{
    _epoll = ::epoll_create1(EPOLL_CLOEXEC);
    _wakeup = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (_epoll < 0 || _wakeup < 0)
        throw Poco::SystemException("cannot create the Redis link's epoll loop");
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = WAKEUP_TAG;
    ::epoll_ctl(_epoll, EPOLL_CTL_ADD, _wakeup, &event);
    _problem = "connecting to Redis at " + _address.toString();
}

RedisLink::~RedisLink()
{
    stop();
    ::close(_wakeup);
    ::close(_epoll);
}

void RedisLink::start()
{
    _thread.start(*this);
}

void RedisLink::stop()
{
    _stopping = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(_wakeup, &one, sizeof one);
    if (_thread.isRunning())
        _thread.join();
}

void RedisLink::post(std::function<void()> task)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (!_stopped)
        {
            _posted.push_back(std::move(task));
            const std::uint64_t one = 1;
            [[maybe_unused]] const ssize_t written = ::write(_wakeup, &one, sizeof one);
            return;
        }
    }
    task();
}

std::string RedisLink::problem() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _problem;
}

void RedisLink::setProblem(const std::string& problem)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _problem = problem;
}

std::string RedisLink::text(const redisReply* reply)
{
    if (reply == nullptr)
        return std::string();
    if (reply->type == REDIS_REPLY_INTEGER)
        return std::to_string(reply->integer);
    if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS || reply->type == REDIS_REPLY_ERROR)
        return std::string(reply->str, reply->len);
    return std::string();
}

void RedisLink::run()
{
    epoll_event events[16];
    while (!_stopping)
    {
        const int count = ::epoll_wait(_epoll, events, 16, TICK_MS);
        for (int i = 0; i < count; ++i)
        {
            if (events[i].data.u64 == WAKEUP_TAG)
            {
                std::uint64_t value = 0;
                [[maybe_unused]] const ssize_t got = ::read(_wakeup, &value, sizeof value);
                continue;
            }
            handle(events[i].data.u64, events[i].events);
        }
        runPosted();
        tick();
    }
    drop("the hub is stopping");
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopped = true;
    }
    runPosted();
}

void RedisLink::runPosted()
{
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        tasks.swap(_posted);
    }
    for (std::function<void()>& task : tasks)
        task();
}

void RedisLink::tick()
{
    const Poco::Timestamp now;
    if (_context[COMMANDS] == nullptr && _context[SUBSCRIBER] == nullptr)
    {
        if (now >= _reconnectAt)
            connect();
        return;
    }
    if (!_sent.empty() && now - _sent.front() > _timeout.totalMicroseconds())
    {
        drop("Redis at " + _address.toString() + " did not answer within " +
             std::to_string(_timeout.totalMilliseconds()) + " ms");
        return;
    }
    if (!_subscribed && now - _connectStarted > _timeout.totalMicroseconds())
    {
        drop("Redis at " + _address.toString() + " did not confirm the subscription within " +
             std::to_string(_timeout.totalMilliseconds()) + " ms");
        return;
    }
    // An idle link is still checked, so a server that stopped answering is
    // noticed before a publish has to wait for it.
    if (_up && _sent.empty() && now - _lastPing > _timeout.totalMicroseconds() / 2)
    {
        _lastPing = now;
        command({"PING"}, [](const redisReply*) {});
    }
}

void RedisLink::connect()
{
    _connectStarted.update();
    _lastPing = _connectStarted;
    _commandsReady = false;
    _subscribed = false;
    for (Slot slot : {COMMANDS, SUBSCRIBER})
    {
        redisAsyncContext* context = redisAsyncConnect(_address.host.c_str(), _address.port);
        if (context == nullptr || context->err)
        {
            const std::string reason = context ? context->errstr : "out of memory";
            if (context)
                redisAsyncFree(context);
            drop("cannot connect to Redis at " + _address.toString() + ": " + reason);
            return;
        }
        context->data = this;
        Watch* watch = new Watch{this, slot, context->c.fd, _nextTag++};
        _watch[slot] = watch;
        _context[slot] = context;
        context->ev.data = watch;
        context->ev.addRead = addRead;
        context->ev.delRead = delRead;
        context->ev.addWrite = addWrite;
        context->ev.delWrite = delWrite;
        context->ev.cleanup = cleanup;
        redisAsyncSetConnectCallback(context, onConnect);
        redisAsyncSetDisconnectCallback(context, onDisconnect);
    }
    for (Slot slot : {COMMANDS, SUBSCRIBER})
    {
        redisAsyncContext* context = _context[slot];
        if (!_address.password.empty())
            send(context, {"AUTH", _address.password}, [this](const redisReply* reply) {
                if (reply && reply->type == REDIS_REPLY_ERROR)
                    drop("Redis at " + _address.toString() + " refused the password: " + text(reply));
            });
        send(context, {"CLIENT", "SETNAME", _clientName}, [](const redisReply*) {});
    }
    redisAsyncContext* commands = _context[COMMANDS];
    if (_address.database != 0)
        send(commands, {"SELECT", std::to_string(_address.database)}, [this](const redisReply* reply) {
            if (reply && reply->type == REDIS_REPLY_ERROR)
                drop("Redis at " + _address.toString() + " refused the database: " + text(reply));
        });
    send(commands, {"PING"}, [this](const redisReply* reply) {
        if (reply == nullptr || reply->type == REDIS_REPLY_ERROR)
            return;
        _commandsReady = true;
        checkUp();
    });
    const std::vector<std::string> subscribe = {"SUBSCRIBE", _channel};
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& argument : subscribe)
    {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    redisAsyncCommandArgv(_context[SUBSCRIBER], onMessage, this, static_cast<int>(argv.size()), argv.data(),
                          lengths.data());
}

void RedisLink::checkUp()
{
    if (_up || !_commandsReady || !_subscribed)
        return;
    _up = true;
    _reachable.store(true, std::memory_order_relaxed);
    _attempt = 0;
    setProblem(std::string());
    _logger.information("connected to Redis at " + _address.toString());
    _listener.linkUp();
}

void RedisLink::drop(const std::string& reason)
{
    redisAsyncContext* contexts[2] = {_context[COMMANDS], _context[SUBSCRIBER]};
    _context[COMMANDS] = nullptr;
    _context[SUBSCRIBER] = nullptr;
    _sent.clear();
    const bool wasUp = _up;
    _up = false;
    _reachable.store(false, std::memory_order_relaxed);
    if (wasUp)
        _drops.fetch_add(1, std::memory_order_relaxed);
    _commandsReady = false;
    _subscribed = false;
    setProblem(reason);
    if (wasUp && !_stopping)
        _logger.warning("lost Redis: " + reason);
    for (redisAsyncContext* context : contexts)
    {
        if (context)
            redisAsyncFree(context);
    }
    const long ceiling = std::min(BACKOFF_MOST_MS, BACKOFF_FIRST_MS << std::min(_attempt, 10));
    ++_attempt;
    // Between half and all of the ceiling, so nodes that lost Redis together
    // do not all come back in the same millisecond.
    const long delayMs = ceiling / 2 + static_cast<long>(_jitter() % static_cast<unsigned long>(ceiling / 2 + 1));
    _reconnectAt = Poco::Timestamp() + delayMs * 1000;
    if (wasUp)
        _listener.linkDown();
}

void RedisLink::lost(const redisAsyncContext* context, const std::string& reason)
{
    // hiredis frees this context itself. One drop() already let go of is
    // only the echo of that drop.
    for (redisAsyncContext*& held : _context)
    {
        if (held == context)
        {
            held = nullptr;
            drop(reason);
            return;
        }
    }
}

void RedisLink::command(const std::vector<std::string>& arguments, Replied replied)
{
    if (!_up)
    {
        replied(nullptr);
        return;
    }
    send(_context[COMMANDS], arguments, std::move(replied));
}

void RedisLink::load(const std::string& body)
{
    command({"SCRIPT", "LOAD", body}, [this](const redisReply* reply) {
        if (reply && reply->type == REDIS_REPLY_ERROR)
            _logger.error("Redis refused a script of the hub: " + text(reply));
    });
}

void RedisLink::script(const std::string& body, const std::vector<std::string>& arguments, Replied replied)
{
    auto digest = _digests.find(&body);
    if (digest == _digests.end())
    {
        Poco::SHA1Engine sha1;
        sha1.update(body);
        digest = _digests.emplace(&body, Poco::DigestEngine::digestToHex(sha1.digest())).first;
    }
    std::vector<std::string> evalsha = {"EVALSHA", digest->second, "0"};
    evalsha.insert(evalsha.end(), arguments.begin(), arguments.end());
    command(evalsha, [this, &body, arguments, replied = std::move(replied)](const redisReply* reply) {
        if (reply == nullptr || reply->type != REDIS_REPLY_ERROR || std::strncmp(reply->str, "NOSCRIPT", 8) != 0)
        {
            replied(reply);
            return;
        }
        std::vector<std::string> eval = {"EVAL", body, "0"};
        eval.insert(eval.end(), arguments.begin(), arguments.end());
        command(eval, replied);
    });
}

void RedisLink::send(redisAsyncContext* context, const std::vector<std::string>& arguments, Replied replied)
{
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(arguments.size());
    lengths.reserve(arguments.size());
    for (const std::string& argument : arguments)
    {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    auto* pending = new Replied(std::move(replied));
    if (redisAsyncCommandArgv(context, onReply, pending, static_cast<int>(argv.size()), argv.data(),
                              lengths.data()) != REDIS_OK)
    {
        Replied failed = std::move(*pending);
        delete pending;
        failed(nullptr);
        return;
    }
    if (context == _context[COMMANDS])
        _sent.push_back(Poco::Timestamp());
}

void RedisLink::subscription(const redisReply* reply)
{
    if (reply == nullptr || reply->type != REDIS_REPLY_ARRAY || reply->elements < 3)
        return;
    const redisReply* kind = reply->element[0];
    if (kind->type != REDIS_REPLY_STRING)
        return;
    if (std::strcmp(kind->str, "subscribe") == 0)
    {
        _subscribed = true;
        checkUp();
    }
    else if (std::strcmp(kind->str, "message") == 0 && reply->element[2]->type == REDIS_REPLY_STRING)
        _listener.message(reply->element[2]->str, reply->element[2]->len);
}

void RedisLink::onConnect(const redisAsyncContext* context, int status)
{
    if (status != REDIS_OK)
        linkOf(context).lost(context, "cannot connect to Redis at " + linkOf(context)._address.toString() + ": " +
                                          (context->errstr ? context->errstr : "unknown error"));
}

void RedisLink::onDisconnect(const redisAsyncContext* context, int)
{
    linkOf(context).lost(context, "the connection to Redis at " + linkOf(context)._address.toString() +
                                      " was lost" + (context->errstr ? std::string(": ") + context->errstr : ""));
}

void RedisLink::onReply(redisAsyncContext* context, void* reply, void* privdata)
{
    std::unique_ptr<Replied> replied(static_cast<Replied*>(privdata));
    RedisLink& link = linkOf(context);
    if (reply != nullptr && context == link._context[COMMANDS] && !link._sent.empty())
    {
        link._roundTrips.observe(Poco::Timestamp() - link._sent.front());
        link._sent.pop_front();
    }
    (*replied)(static_cast<const redisReply*>(reply));
}

void RedisLink::onMessage(redisAsyncContext* context, void* reply, void*)
{
    RedisLink& link = linkOf(context);
    if (context == link._context[SUBSCRIBER])
        link.subscription(static_cast<const redisReply*>(reply));
}

RedisLink::Watch* RedisLink::watchOf(std::uint64_t tag)
{
    for (Watch* watch : _watch)
    {
        if (watch && watch->tag == tag)
            return watch;
    }
    return nullptr;
}

void RedisLink::handle(std::uint64_t tag, std::uint32_t events)
{
    Watch* watch = watchOf(tag);
    if (watch == nullptr)
        return;
    redisAsyncContext* context = _context[watch->slot];
    if (context == nullptr)
        return;
    const bool failed = (events & (EPOLLERR | EPOLLHUP)) != 0;
    if (watch->reading && (failed || (events & EPOLLIN)))
        redisAsyncHandleRead(context);
    // Reading may have freed the context and its watch.
    watch = watchOf(tag);
    if (watch && _context[watch->slot] == context && watch->writing && (failed || (events & EPOLLOUT)))
        redisAsyncHandleWrite(context);
}

void RedisLink::update(Watch& watch)
{
    epoll_event event{};
    event.events = (watch.reading ? EPOLLIN : 0u) | (watch.writing ? EPOLLOUT : 0u);
    event.data.u64 = watch.tag;
    if (event.events == 0)
    {
        if (watch.registered)
            ::epoll_ctl(_epoll, EPOLL_CTL_DEL, watch.fd, nullptr);
        watch.registered = false;
        return;
    }
    ::epoll_ctl(_epoll, watch.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, watch.fd, &event);
    watch.registered = true;
}

void RedisLink::addRead(void* data)
{
    Watch& watch = *static_cast<Watch*>(data);
    watch.reading = true;
    watch.link->update(watch);
}

void RedisLink::delRead(void* data)
{
    Watch& watch = *static_cast<Watch*>(data);
    watch.reading = false;
    watch.link->update(watch);
}

void RedisLink::addWrite(void* data)
{
    Watch& watch = *static_cast<Watch*>(data);
    watch.writing = true;
    watch.link->update(watch);
}

void RedisLink::delWrite(void* data)
{
    Watch& watch = *static_cast<Watch*>(data);
    watch.writing = false;
    watch.link->update(watch);
}

void RedisLink::cleanup(void* data)
{
    Watch* watch = static_cast<Watch*>(data);
    watch->reading = false;
    watch->writing = false;
    watch->link->update(*watch);
    if (watch->link->_watch[watch->slot] == watch)
        watch->link->_watch[watch->slot] = nullptr;
    delete watch;
}

} // namespace feedhub
