//
// RedisScripts.cpp
//

#include "cluster/RedisScripts.h"

namespace feedhub
{

namespace
{

// Shared by the scripts that trim: one cutoff from both bounds, the newest
// sequence below it remembered in P..dropped, then one XTRIM MINID.
const std::string COMMON = R"lua(
local function str(n) return string.format('%.0f', n) end
local function sequenceOf(id) return tonumber(string.match(id, '^(%d+)')) end
local function trimStream(prefix, topic, maxEvents, maxAge, now)
    local key = prefix .. 'stream:' .. topic
    local cutoff = 0
    if maxAge > 0 then cutoff = now - maxAge end
    if maxEvents > 0 then
        local excess = redis.call('XLEN', key) - maxEvents
        if excess > 0 then
            local entries = redis.call('XRANGE', key, '-', '+', 'COUNT', excess + 1)
            local first = sequenceOf(entries[#entries][1])
            if first > cutoff then cutoff = first end
        end
    end
    if cutoff <= 0 then return end
    local dropped = redis.call('XREVRANGE', key, '(' .. str(cutoff) .. '-0', '-', 'COUNT', 1)
    if #dropped > 0 then
        redis.call('HSET', prefix .. 'dropped', topic, str(sequenceOf(dropped[1][1])))
        redis.call('XTRIM', key, 'MINID', str(cutoff))
    end
end
local function clock()
    local t = redis.call('TIME')
    return tonumber(t[1]) * 1000000 + tonumber(t[2])
end
)lua";

} // namespace

const std::string& RedisScripts::publish()
{
    static const std::string script = COMMON + R"lua(
local prefix = ARGV[1]
local maxEvents = tonumber(ARGV[2])
local maxAge = tonumber(ARGV[3])
local now = clock()
local seq = tonumber(redis.call('GET', prefix .. 'seq') or '0')
redis.call('SETNX', prefix .. 'origin', str(now))
local result = {str(now)}
for i = 4, #ARGV, 3 do
    local topic, kind, data = ARGV[i], ARGV[i + 1], ARGV[i + 2]
    local previous = seq
    seq = math.max(seq + 1, now)
    local id = str(seq)
    local key = prefix .. 'stream:' .. topic
    redis.call('XADD', key, id .. '-0', 't', kind, 'd', data, 'm', str(now))
    trimStream(prefix, topic, maxEvents, maxAge, now)
    redis.call('ZADD', prefix .. 'topics', id, topic)
    local held = redis.call('XLEN', key)
    redis.call('PUBLISH', prefix .. 'events', str(previous) .. ' ' .. id .. ' ' .. str(now) .. ' ' .. held ..
        ' ' .. #topic .. ' ' .. #kind .. '\n' .. topic .. kind .. data)
    result[#result + 1] = id
end
redis.call('SET', prefix .. 'seq', str(seq))
return result
)lua";
    return script;
}

const std::string& RedisScripts::read()
{
    static const std::string script = COMMON + R"lua(
local prefix = ARGV[1]
local after = ARGV[2]
local limit = tonumber(ARGV[3])
local topics = {}
if #ARGV > 3 then
    for i = 4, #ARGV do topics[#topics + 1] = ARGV[i] end
else
    topics = redis.call('ZRANGEBYSCORE', prefix .. 'topics', '(' .. after, '+inf')
end
local truncated = 0
local events = {}
for _, topic in ipairs(topics) do
    local dropped = redis.call('HGET', prefix .. 'dropped', topic)
    if dropped and tonumber(dropped) > tonumber(after) then truncated = 1 end
    local range = {'XRANGE', prefix .. 'stream:' .. topic, '(' .. after .. '-0', '+'}
    if limit > 0 then range[5] = 'COUNT'; range[6] = limit end
    for _, entry in ipairs(redis.call(unpack(range))) do
        events[#events + 1] = {sequenceOf(entry[1]), topic, entry[2]}
    end
end
table.sort(events, function(a, b) return a[1] < b[1] end)
local result = {redis.call('GET', prefix .. 'seq') or '0', redis.call('GET', prefix .. 'origin') or '0', truncated}
local count = #events
if limit > 0 and count > limit then count = limit end
for i = 1, count do
    local fields = events[i][3]
    result[#result + 1] = events[i][2]
    result[#result + 1] = str(events[i][1])
    result[#result + 1] = fields[2]
    result[#result + 1] = fields[4]
    result[#result + 1] = fields[6]
end
return result
)lua";
    return script;
}

const std::string& RedisScripts::head()
{
    static const std::string script = COMMON + R"lua(
local prefix = ARGV[1]
redis.call('SETNX', prefix .. 'origin', str(clock()))
local result = {redis.call('GET', prefix .. 'seq') or '0', redis.call('GET', prefix .. 'origin')}
for _, topic in ipairs(redis.call('ZRANGE', prefix .. 'topics', 0, -1)) do
    local key = prefix .. 'stream:' .. topic
    local newest = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
    if #newest > 0 then
        local fields = newest[1][2]
        result[#result + 1] = topic
        result[#result + 1] = redis.call('XLEN', key)
        result[#result + 1] = str(sequenceOf(newest[1][1]))
        result[#result + 1] = fields[2]
        result[#result + 1] = fields[4]
        result[#result + 1] = fields[6]
    end
end
return result
)lua";
    return script;
}

const std::string& RedisScripts::trim()
{
    static const std::string script = COMMON + R"lua(
local prefix = ARGV[1]
local now = clock()
for _, topic in ipairs(redis.call('ZRANGE', prefix .. 'topics', 0, -1)) do
    trimStream(prefix, topic, tonumber(ARGV[2]), tonumber(ARGV[3]), now)
end
return 0
)lua";
    return script;
}

const std::string& RedisScripts::commit()
{
    // planned[hash][field]: the version a record has after the writes
    // before, so that two writes of one record in a commit chain as they
    // would one after the other. Nothing is written until all match.
    static const std::string script = R"lua(
local tables = ARGV[1]
local planned = {}
local changes = {}
for i = 2, #ARGV, 5 do
    local hash, field, expected = tables .. ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
    planned[hash] = planned[hash] or {}
    local version = planned[hash][field]
    if version == nil then
        local held = redis.call('HGET', hash, field)
        version = held and tonumber(string.match(held, '^(%d+):')) or 0
    end
    if expected ~= -1 and expected ~= version then return 0 end
    if ARGV[i + 3] == 'put' then
        version = version + 1
        changes[#changes + 1] = {hash, field, string.format('%.0f', version) .. ':' .. ARGV[i + 4]}
    else
        version = 0
        changes[#changes + 1] = {hash, field}
    end
    planned[hash][field] = version
end
for _, change in ipairs(changes) do
    if change[3] then
        redis.call('HSET', change[1], change[2], change[3])
    else
        redis.call('HDEL', change[1], change[2])
    end
end
return 1
)lua";
    return script;
}

} // namespace feedhub
