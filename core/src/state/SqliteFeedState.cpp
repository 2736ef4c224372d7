//
// SqliteFeedState.cpp
//

#include "state/SqliteFeedState.h"
#include "Poco/Data/LOB.h"
#include "Poco/Data/SQLite/SessionImpl.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Path.h"
#include "feedhub/HttpError.h"

using namespace Poco::Data::Keywords;

namespace feedhub
{

namespace
{

Poco::Data::Session open(const std::string& path)
{
    try
    {
        Poco::File(Poco::Path(path).parent()).createDirectories();
        // A session made directly, not through the global connector registry.
        return Poco::Data::Session(new Poco::Data::SQLite::SessionImpl(path));
    }
    catch (const Poco::Exception& e)
    {
        throw Poco::IOException("cannot open the feed state file " + path + ": " + e.displayText());
    }
}

} // namespace

SqliteFeedState::SqliteFeedState(const std::string& path, bool fullSync) : _path(path), _session(open(path))
{
    _session << "PRAGMA journal_mode = WAL", now;
    _session << (fullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"), now;
    // A feed restarted by a reload opens the file while its old instance may
    // still finish a request on it.
    _session << "PRAGMA busy_timeout = 5000", now;
    _session << "CREATE TABLE IF NOT EXISTS records (tab TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                "version INTEGER NOT NULL, PRIMARY KEY (tab, key)) WITHOUT ROWID",
        now;
}

std::optional<FeedState::Record> SqliteFeedState::get(const std::string& table, const std::string& key)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<Poco::Data::CLOB> values;
    std::vector<Poco::Int64> versions;
    _session << "SELECT value, version FROM records WHERE tab = ? AND key = ?", useRef(table), useRef(key),
        into(values), into(versions), now;
    if (values.empty())
        return std::nullopt;
    return Record{std::string(values.front().rawContent(), values.front().size()), versions.front()};
}

std::map<std::string, FeedState::Record> SqliteFeedState::list(const std::string& table)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::string> keys;
    std::vector<Poco::Data::CLOB> values;
    std::vector<Poco::Int64> versions;
    _session << "SELECT key, value, version FROM records WHERE tab = ?", useRef(table), into(keys), into(values),
        into(versions), now;
    std::map<std::string, Record> records;
    for (std::size_t i = 0; i < keys.size(); ++i)
        records.emplace(keys[i], Record{std::string(values[i].rawContent(), values[i].size()), versions[i]});
    return records;
}

std::size_t SqliteFeedState::count(const std::string& table)
{
    std::lock_guard<std::mutex> lock(_mutex);
    Poco::Int64 records = 0;
    _session << "SELECT COUNT(*) FROM records WHERE tab = ?", useRef(table), into(records), now;
    return static_cast<std::size_t>(records);
}

bool SqliteFeedState::commit(const std::vector<Write>& writes)
{
    for (const Write& write : writes)
    {
        if (write.table.empty() || write.key.empty())
            throw Poco::InvalidArgumentException("a feed state record needs a table and a key");
    }
    std::lock_guard<std::mutex> lock(_mutex);
    _session << "BEGIN IMMEDIATE", now;
    try
    {
        const bool made = tryCommit(writes);
        _session << (made ? "COMMIT" : "ROLLBACK"), now;
        return made;
    }
    catch (const Poco::Exception& e)
    {
        _session << "ROLLBACK", now;
        throw HttpError(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "the feed state file " + _path + " could not be written: " + e.displayText());
    }
}

bool SqliteFeedState::tryCommit(const std::vector<Write>& writes)
{
    for (const Write& write : writes)
    {
        std::vector<Poco::Int64> versions;
        _session << "SELECT version FROM records WHERE tab = ? AND key = ?", useRef(write.table),
            useRef(write.key), into(versions), now;
        const Poco::Int64 version = versions.empty() ? ABSENT : versions.front();
        if (write.expected != ANY && write.expected != version)
            return false;
        if (write.value)
        {
            const Poco::Data::CLOB value(*write.value);
            const Poco::Int64 next = version + 1;
            // Poco binds an empty BLOB as NULL: COALESCE keeps it an empty value.
            _session << "INSERT OR REPLACE INTO records (tab, key, value, version) "
                        "VALUES (?, ?, COALESCE(?, X''), ?)",
                useRef(write.table), useRef(write.key), useRef(value), useRef(next), now;
        }
        else
            _session << "DELETE FROM records WHERE tab = ? AND key = ?", useRef(write.table), useRef(write.key),
                now;
    }
    return true;
}

} // namespace feedhub
