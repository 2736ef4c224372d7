//
// SqliteHistoryStore.cpp
//

#include "history/SqliteHistoryStore.h"
#include "Poco/Data/SQLite/Utility.h"
#include "Poco/Exception.h"
#include "history/TopicHistory.h"
#include <algorithm>
#include <limits>
#include <sqlite3.h>

using namespace Poco::Data::Keywords;

namespace feedhub
{

namespace
{

// Rows read at a time when scanning from the oldest or the newest end.
constexpr int SCAN_ROWS = 512;

std::vector<EventPtr> eventsOf(const std::string& topic, const std::vector<Poco::Int64>& sequences,
                               const std::vector<std::string>& types, const std::vector<std::string>& data,
                               const std::vector<Poco::Int64>& times)
{
    std::vector<EventPtr> events;
    events.reserve(sequences.size());
    for (std::size_t i = 0; i < sequences.size(); ++i)
        events.push_back(std::make_shared<const Event>(topic, static_cast<std::uint64_t>(sequences[i]),
                                                       types[i], data[i], Poco::Timestamp(times[i])));
    return events;
}

bool bySequence(const EventPtr& a, const EventPtr& b)
{
    return a->sequence() < b->sequence();
}

} // namespace

SqliteHistoryStore::SqliteHistoryStore(const std::string& path, const Bounds& bounds, Sync sync)
    : _bounds(bounds),
      _file(path, sync == Sync::FULL, [this](Poco::Data::Session& session) { loadState(session); })
{
}

SqliteHistoryStore::~SqliteHistoryStore()
{
    sqlite3_finalize(_insert);
}

void SqliteHistoryStore::loadState(Poco::Data::Session& session)
{
    std::vector<std::string> names;
    std::vector<Poco::Int64> counts, bytes, oldest, last;
    session << "SELECT topic, COUNT(*), SUM(length(CAST(topic AS BLOB)) + length(CAST(type AS BLOB)) + "
                 "length(CAST(data AS BLOB))), MIN(sequence), MAX(sequence) FROM events GROUP BY topic",
        into(names), into(counts), into(bytes), into(oldest), into(last), now;
    std::vector<std::string> trimmedNames;
    std::vector<Poco::Int64> trimmedThrough;
    session << "SELECT topic, through FROM trimmed", into(trimmedNames), into(trimmedThrough), now;
    std::vector<Poco::Int64> forgotten;
    session << "SELECT value FROM meta WHERE key = 'forgotten'", into(forgotten), now;
    Poco::Int64 origin = 0;
    session << "SELECT value FROM meta WHERE key = 'origin'", into(origin), now;
    _originSequence = static_cast<std::uint64_t>(origin);

    std::lock_guard<std::mutex> lock(_stateMutex);
    _topics.clear();
    for (std::size_t i = 0; i < names.size(); ++i)
    {
        TopicState& state = _topics[names[i]];
        state.count = static_cast<std::size_t>(counts[i]);
        state.bytes = static_cast<std::size_t>(bytes[i]);
        state.oldest = static_cast<std::uint64_t>(oldest[i]);
        state.last = static_cast<std::uint64_t>(last[i]);
        _lastSequence = std::max(_lastSequence, state.last);
    }
    for (std::size_t i = 0; i < trimmedNames.size(); ++i)
    {
        TopicState& state = _topics[trimmedNames[i]];
        state.trimmedThrough = static_cast<std::uint64_t>(trimmedThrough[i]);
        state.last = std::max(state.last, state.trimmedThrough);
        _lastSequence = std::max(_lastSequence, state.last);
    }
    _forgottenThrough = forgotten.empty() ? 0 : static_cast<std::uint64_t>(forgotten.front());
    _lastSequence = std::max(_lastSequence, _forgottenThrough);
}

std::size_t SqliteHistoryStore::storedBytes(const Event& event)
{
    return event.topic().size() + event.type().size() + event.data().size();
}

void SqliteHistoryStore::append(const std::vector<EventPtr>& events)
{
    if (events.empty())
        return;
    // SQLite's own API on the hot path: one prepared statement, the events'
    // strings bound where they are, without the copies Poco::Data's bulk
    // binding makes.
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(_file.session());
    if (!_insert && sqlite3_prepare_v2(
                        db, "INSERT INTO events (sequence, topic, type, data, time) VALUES (?, ?, ?, ?, ?)",
                        -1, &_insert, nullptr) != SQLITE_OK)
        throw Poco::IOException(std::string("cannot prepare the journal's insert: ") + sqlite3_errmsg(db));
    auto fail = [db](const char* doing) {
        const std::string reason = sqlite3_errmsg(db);
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw Poco::IOException(std::string(doing) + ": " + reason);
    };
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("cannot begin a transaction");
    for (const EventPtr& event : events)
    {
        sqlite3_bind_int64(_insert, 1, static_cast<sqlite3_int64>(event->sequence()));
        sqlite3_bind_text(_insert, 2, event->topic().data(), static_cast<int>(event->topic().size()),
                          SQLITE_STATIC);
        sqlite3_bind_text(_insert, 3, event->type().data(), static_cast<int>(event->type().size()),
                          SQLITE_STATIC);
        sqlite3_bind_text(_insert, 4, event->data().data(), static_cast<int>(event->data().size()),
                          SQLITE_STATIC);
        sqlite3_bind_int64(_insert, 5, event->time().epochMicroseconds());
        const int stepped = sqlite3_step(_insert);
        sqlite3_reset(_insert);
        if (stepped != SQLITE_DONE)
            fail("cannot write an event");
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("cannot commit");
    std::lock_guard<std::mutex> lock(_stateMutex);
    for (const EventPtr& event : events)
    {
        TopicState& state = _topics[event->topic()];
        if (state.count == 0)
            state.oldest = event->sequence();
        ++state.count;
        state.bytes += storedBytes(*event);
        state.last = event->sequence();
    }
    _lastSequence = std::max(_lastSequence, events.back()->sequence());
}

std::vector<EventPtr> SqliteHistoryStore::readAfter(const std::vector<std::string>& topics,
                                                    std::uint64_t after, std::size_t limit)
{
    std::vector<EventPtr> events;
    // SQLite reads LIMIT -1 as no limit.
    const Poco::Int64 rows = limit == 0 ? -1 : static_cast<Poco::Int64>(limit);
    const Poco::Int64 countBound = static_cast<Poco::Int64>(std::min<std::size_t>(
        _bounds.maxEvents, static_cast<std::size_t>(std::numeric_limits<Poco::Int64>::max())));
    const Poco::Int64 cutoff = Poco::Timestamp().epochMicroseconds() - _bounds.maxAge.totalMicroseconds();
    for (const std::string& topic : topics)
    {
        // Trimming runs in the background; until it has, a read applies the
        // count and age bounds itself, and what they drop counts as trimmed.
        std::vector<Poco::Int64> beyondCount;
        _file.session() << "SELECT sequence FROM events WHERE topic = ? ORDER BY sequence DESC LIMIT 1 OFFSET ?",
            into(beyondCount), bind(topic), bind(countBound), now;
        std::uint64_t dropped = beyondCount.empty() ? 0 : static_cast<std::uint64_t>(beyondCount.front());
        std::vector<Poco::Int64> sequences, times;
        std::vector<std::string> types, data;
        _file.session() << "SELECT sequence, type, data, time FROM events WHERE topic = ? AND sequence > ? "
                     "ORDER BY sequence LIMIT ?",
            into(sequences), into(types), into(data), into(times), bind(topic),
            bind(static_cast<Poco::Int64>(std::max(after, dropped))), bind(rows), now;
        std::size_t old = 0;
        while (old < sequences.size() && times[old] < cutoff)
            dropped = static_cast<std::uint64_t>(sequences[old++]);
        if (dropped != 0)
        {
            std::lock_guard<std::mutex> lock(_stateMutex);
            TopicState& state = _topics[topic];
            state.trimmedThrough = std::max(state.trimmedThrough, dropped);
        }
        std::vector<EventPtr> read = eventsOf(topic, sequences, types, data, times);
        events.insert(events.end(), read.begin() + static_cast<std::ptrdiff_t>(old), read.end());
    }
    std::sort(events.begin(), events.end(), bySequence);
    if (limit != 0 && events.size() > limit)
        events.resize(limit);
    return events;
}

bool SqliteHistoryStore::lostAfter(const std::string& topic, std::uint64_t after) const
{
    std::lock_guard<std::mutex> lock(_stateMutex);
    auto it = _topics.find(topic);
    if (it == _topics.end())
        return after < _forgottenThrough;
    return it->second.trimmedThrough > after;
}

std::uint64_t SqliteHistoryStore::lastSequence() const
{
    std::lock_guard<std::mutex> lock(_stateMutex);
    return _lastSequence;
}

void SqliteHistoryStore::trim(const Poco::Timestamp& at)
{
    // Events are appended in sequence order with the time they were
    // published, so the old ones are at the front: scan from there.
    const Poco::Int64 cutoff = at.epochMicroseconds() - _bounds.maxAge.totalMicroseconds();
    for (;;)
    {
        std::vector<Poco::Int64> sequences, sizes, times;
        std::vector<std::string> topics;
        _file.session() << "SELECT sequence, topic, length(CAST(topic AS BLOB)) + length(CAST(type AS BLOB)) + "
                     "length(CAST(data AS BLOB)), time FROM events ORDER BY sequence LIMIT ?",
            into(sequences), into(topics), into(sizes), into(times), bind(SCAN_ROWS), now;
        std::map<std::string, std::pair<std::uint64_t, std::pair<std::size_t, std::size_t>>> dropped;
        std::size_t old = 0;
        while (old < sequences.size() && times[old] < cutoff)
        {
            auto& [through, countAndBytes] = dropped[topics[old]];
            through = static_cast<std::uint64_t>(sequences[old]);
            ++countAndBytes.first;
            countAndBytes.second += static_cast<std::size_t>(sizes[old]);
            ++old;
        }
        if (old == 0)
            break;
        for (const auto& [topic, drop] : dropped)
        {
            TopicState* state = nullptr;
            {
                std::lock_guard<std::mutex> lock(_stateMutex);
                state = &_topics[topic];
            }
            dropThrough(topic, *state, drop.first, drop.second.first, drop.second.second);
        }
        if (old < sequences.size())
            break;
    }
    std::vector<std::string> over;
    {
        std::lock_guard<std::mutex> lock(_stateMutex);
        for (const auto& [topic, state] : _topics)
        {
            if (state.count > _bounds.maxEvents || state.bytes > _bounds.maxBytes)
                over.push_back(topic);
        }
    }
    for (const std::string& topic : over)
    {
        TopicState* state = nullptr;
        {
            std::lock_guard<std::mutex> lock(_stateMutex);
            state = &_topics[topic];
        }
        trimTopic(topic, *state);
    }
    forgetEmptyTopics();
}

void SqliteHistoryStore::trimTopic(const std::string& topic, TopicState& state)
{
    std::size_t count = state.count;
    std::size_t bytes = state.bytes;
    std::uint64_t after = 0;
    std::uint64_t through = 0;
    while (count > _bounds.maxEvents || bytes > _bounds.maxBytes)
    {
        std::vector<Poco::Int64> sequences, sizes;
        _file.session() << "SELECT sequence, length(CAST(topic AS BLOB)) + length(CAST(type AS BLOB)) + "
                     "length(CAST(data AS BLOB)) FROM events WHERE topic = ? AND sequence > ? "
                     "ORDER BY sequence LIMIT ?",
            into(sequences), into(sizes), bind(topic), bind(static_cast<Poco::Int64>(after)), bind(SCAN_ROWS),
            now;
        if (sequences.empty())
            break;
        for (std::size_t i = 0;
             i < sequences.size() && (count > _bounds.maxEvents || bytes > _bounds.maxBytes); ++i)
        {
            through = static_cast<std::uint64_t>(sequences[i]);
            --count;
            bytes -= std::min(bytes, static_cast<std::size_t>(sizes[i]));
        }
        after = static_cast<std::uint64_t>(sequences.back());
    }
    if (through != 0)
        dropThrough(topic, state, through, state.count - count, state.bytes - bytes);
}

void SqliteHistoryStore::dropThrough(const std::string& topic, TopicState& state, std::uint64_t sequence,
                                     std::size_t count, std::size_t bytes)
{
    Poco::Data::Session& session = _file.session();
    session.begin();
    try
    {
        session << "DELETE FROM events WHERE topic = ? AND sequence <= ?", bind(topic),
            bind(static_cast<Poco::Int64>(sequence)), now;
        session << "INSERT OR REPLACE INTO trimmed (topic, through) VALUES (?, ?)", bind(topic),
            bind(static_cast<Poco::Int64>(sequence)), now;
        session.commit();
    }
    catch (...)
    {
        session.rollback();
        throw;
    }
    std::lock_guard<std::mutex> lock(_stateMutex);
    state.count -= std::min(state.count, count);
    state.bytes -= std::min(state.bytes, bytes);
    state.trimmedThrough = std::max(state.trimmedThrough, sequence);
    state.oldest = state.count == 0 ? 0 : sequence + 1;
}

void SqliteHistoryStore::forgetEmptyTopics()
{
    std::vector<std::string> empty;
    std::uint64_t forgotten = 0;
    {
        std::lock_guard<std::mutex> lock(_stateMutex);
        for (const auto& [topic, state] : _topics)
        {
            if (state.count == 0)
            {
                empty.push_back(topic);
                forgotten = std::max(forgotten, state.last);
            }
        }
    }
    if (empty.empty())
        return;
    forgotten = std::max(forgotten, _forgottenThrough);
    Poco::Data::Session& session = _file.session();
    session.begin();
    try
    {
        session << "DELETE FROM trimmed WHERE topic = ?", use(empty), now;
        session << "INSERT OR REPLACE INTO meta (key, value) VALUES ('forgotten', ?)",
            bind(static_cast<Poco::Int64>(forgotten)), now;
        session.commit();
    }
    catch (...)
    {
        session.rollback();
        throw;
    }
    std::lock_guard<std::mutex> lock(_stateMutex);
    for (const std::string& topic : empty)
        _topics.erase(topic);
    _forgottenThrough = forgotten;
}

std::vector<EventPtr> SqliteHistoryStore::recent(std::size_t budgetBytes)
{
    std::vector<EventPtr> events;
    std::size_t bytes = 0;
    for (Poco::Int64 before = std::numeric_limits<Poco::Int64>::max();;)
    {
        std::vector<Poco::Int64> sequences, times;
        std::vector<std::string> topics, types, data;
        _file.session() << "SELECT sequence, topic, type, data, time FROM events WHERE sequence < ? "
                     "ORDER BY sequence DESC LIMIT ?",
            into(sequences), into(topics), into(types), into(data), into(times), bind(before),
            bind(SCAN_ROWS), now;
        for (std::size_t i = 0; i < sequences.size(); ++i)
        {
            auto event = std::make_shared<const Event>(topics[i], static_cast<std::uint64_t>(sequences[i]),
                                                       types[i], data[i], Poco::Timestamp(times[i]));
            bytes += TopicHistory::bytesOf(*event);
            if (bytes > budgetBytes)
            {
                std::reverse(events.begin(), events.end());
                return events;
            }
            events.push_back(std::move(event));
        }
        if (sequences.size() < static_cast<std::size_t>(SCAN_ROWS))
            break;
        before = sequences.back();
    }
    std::reverse(events.begin(), events.end());
    return events;
}

std::vector<HistoryStore::TopicSummary> SqliteHistoryStore::summaries() const
{
    std::vector<TopicSummary> result;
    std::lock_guard<std::mutex> lock(_stateMutex);
    for (const auto& [name, state] : _topics)
        result.push_back(TopicSummary{name, state.count, state.oldest, state.last});
    return result;
}

} // namespace feedhub
