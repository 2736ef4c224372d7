//
// RedisFeedState.cpp
//

#include "state/RedisFeedState.h"
#include "Poco/Exception.h"
#include "cluster/RedisScripts.h"
#include "feedhub/HttpError.h"
#include <chrono>
#include <cstdlib>
#include <future>
#include <hiredis/hiredis.h>
#include <memory>
#include <thread>

namespace feedhub
{

namespace
{

FeedState::Record recordOf(const redisReply& value)
{
    const std::string held(value.str, value.len);
    const std::size_t colon = held.find(':');
    char* end = nullptr;
    const long long version = std::strtoll(held.c_str(), &end, 10);
    if (colon == std::string::npos || colon == 0 || end != held.c_str() + colon || version < 1)
        throw Poco::DataFormatException("a feed state record in Redis is not <version>:<value>");
    return FeedState::Record{held.substr(colon + 1), version};
}

bool isString(const redisReply& reply)
{
    return reply.type == REDIS_REPLY_STRING;
}

HttpError unavailable(const std::string& why)
{
    return HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "Redis cannot be reached: " + why);
}

} // namespace

RedisFeedState::RedisFeedState(RedisLink& link, const std::string& keyPrefix, const std::string& feed,
                               Poco::Timespan timeout)
    : _link(link), _tablePrefix(keyPrefix + "state:" + feed + ":"), _timeout(timeout)
{
}

std::string RedisFeedState::hashOf(const std::string& table) const
{
    return _tablePrefix + table;
}

template <typename Result>
Result RedisFeedState::ask(Send send, std::function<Result(const redisReply& reply)> read)
{
    // The promise is shared with the link's thread, which may answer after
    // this caller has given up waiting (and this state may be gone: the
    // link outlives it).
    // Feeds start while the hub's link is still connecting: their first
    // calls wait for it, as long as one command may. Once it has been up,
    // an outage is answered at once, so that no worker waits on it.
    const Poco::Timestamp started;
    while (!_link.reachable() && _link.drops() == 0 && !started.isElapsed(_timeout.totalMicroseconds()))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto answer = std::make_shared<std::promise<Result>>();
    std::future<Result> future = answer->get_future();
    RedisLink* link = &_link;
    _link.post([link, send = std::move(send), read = std::move(read), answer] {
        send(*link, [link, read, answer](const redisReply* reply) {
            try
            {
                if (reply == nullptr)
                {
                    const std::string problem = link->problem();
                    throw unavailable(problem.empty() ? "no answer" : problem);
                }
                if (reply->type == REDIS_REPLY_ERROR)
                    throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                                    "Redis refused the feed state command: " + RedisLink::text(reply));
                answer->set_value(read(*reply));
            }
            catch (...)
            {
                answer->set_exception(std::current_exception());
            }
        });
    });
    // The link itself answers null once a command is older than its
    // timeout; this wait only covers a link thread that never came to it.
    const auto wait = std::chrono::microseconds(2 * _timeout.totalMicroseconds());
    if (future.wait_for(wait) != std::future_status::ready)
        throw unavailable("no answer within " + std::to_string(2 * _timeout.totalMilliseconds()) + " ms");
    return future.get();
}

std::optional<FeedState::Record> RedisFeedState::get(const std::string& table, const std::string& key)
{
    const std::vector<std::string> command = {"HGET", hashOf(table), key};
    return ask<std::optional<Record>>(
        [command](RedisLink& link, RedisLink::Replied replied) { link.command(command, std::move(replied)); },
        [](const redisReply& reply) -> std::optional<Record> {
            if (reply.type == REDIS_REPLY_NIL)
                return std::nullopt;
            if (!isString(reply))
                throw Poco::DataFormatException("Redis answered HGET with something else than a string");
            return recordOf(reply);
        });
}

std::map<std::string, FeedState::Record> RedisFeedState::list(const std::string& table)
{
    const std::vector<std::string> command = {"HGETALL", hashOf(table)};
    return ask<std::map<std::string, Record>>(
        [command](RedisLink& link, RedisLink::Replied replied) { link.command(command, std::move(replied)); },
        [](const redisReply& reply) {
            // field, value, field, value, ...
            if (reply.type != REDIS_REPLY_ARRAY)
                throw Poco::DataFormatException("Redis answered HGETALL with something else than a list");
            std::map<std::string, Record> records;
            for (std::size_t i = 0; i + 1 < reply.elements; i += 2)
            {
                const redisReply& field = *reply.element[i];
                const redisReply& value = *reply.element[i + 1];
                if (!isString(field) || !isString(value))
                    throw Poco::DataFormatException(
                        "Redis answered HGETALL with something else than strings");
                records.emplace(std::string(field.str, field.len), recordOf(value));
            }
            return records;
        });
}

std::size_t RedisFeedState::count(const std::string& table)
{
    const std::vector<std::string> command = {"HLEN", hashOf(table)};
    return ask<std::size_t>(
        [command](RedisLink& link, RedisLink::Replied replied) { link.command(command, std::move(replied)); },
        [](const redisReply& reply) {
            if (reply.type != REDIS_REPLY_INTEGER || reply.integer < 0)
                throw Poco::DataFormatException("Redis answered HLEN with something else than a count");
            return static_cast<std::size_t>(reply.integer);
        });
}

bool RedisFeedState::commit(const std::vector<Write>& writes)
{
    std::vector<std::string> arguments = {_tablePrefix};
    for (const Write& write : writes)
    {
        if (write.table.empty() || write.key.empty())
            throw Poco::InvalidArgumentException("a feed state record needs a table and a key");
        arguments.insert(arguments.end(), {write.table, write.key, std::to_string(write.expected),
                                           write.value ? "put" : "remove", write.value.value_or("")});
    }
    return ask<bool>(
        [arguments](RedisLink& link, RedisLink::Replied replied) {
            link.script(RedisScripts::commit(), arguments, std::move(replied));
        },
        [](const redisReply& reply) {
            if (reply.type != REDIS_REPLY_INTEGER)
                throw Poco::DataFormatException(
                    "Redis answered the commit with something else than a number");
            return reply.integer == 1;
        });
}

} // namespace feedhub
