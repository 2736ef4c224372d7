//
// SqliteHistoryStore.h
//
// Definition of the SqliteHistoryStore class.
//

#ifndef feedhub_SqliteHistoryStore_INCLUDED
#define feedhub_SqliteHistoryStore_INCLUDED

#include "Poco/Data/Session.h"
#include "history/HistoryStore.h"
#include "history/JournalFile.h"
#include <map>
#include <mutex>

struct sqlite3_stmt;

namespace feedhub
{

class SqliteHistoryStore : public HistoryStore
    /// History kept in an SQLite journal file (WAL mode), one row per event,
    /// with an index on (topic, sequence) so that resuming one topic is one
    /// range read however busy the others are.
    ///
    /// Opening the file is JournalFile's: it refuses, with
    /// Poco::IOException, a file it must not use, and starts afresh from a
    /// corrupt one.
    ///
    /// One thread uses it (HistoryJournal's), except lostAfter() and
    /// lastSequence(), which any thread may call.
{
public:
    enum class Sync
    {
        NORMAL, /// committed events survive a crash of the process
        FULL    /// committed events survive a power loss too
    };

    SqliteHistoryStore(const std::string& path, const Bounds& bounds, Sync sync);
    ~SqliteHistoryStore() override;

    void append(const std::vector<EventPtr>& events) override;
    std::vector<EventPtr> readAfter(const std::vector<std::string>& topics, std::uint64_t after,
                                    std::size_t limit) override;
    bool lostAfter(const std::string& topic, std::uint64_t after) const override;
    std::uint64_t lastSequence() const override;
    std::uint64_t originSequence() const override { return _originSequence; }
    void trim(const Poco::Timestamp& now) override;
    std::vector<EventPtr> recent(std::size_t budgetBytes) override;
    std::vector<TopicSummary> summaries() const override;

    const std::string& path() const { return _file.path(); }

private:
    struct TopicState
        /// What the store knows of a topic without reading the file.
    {
        std::size_t count = 0;
        std::size_t bytes = 0;
        std::uint64_t oldest = 0;
        std::uint64_t last = 0;
        std::uint64_t trimmedThrough = 0;
    };

    void loadState(Poco::Data::Session& session);
    void trimTopic(const std::string& topic, TopicState& state);
    void dropThrough(const std::string& topic, TopicState& state, std::uint64_t sequence, std::size_t count,
                     std::size_t bytes);
    void forgetEmptyTopics();
    static std::size_t storedBytes(const Event& event);

    Bounds _bounds;
    mutable std::mutex _stateMutex;
        /// Guards _topics, _forgottenThrough and _lastSequence, never across I/O.
    std::map<std::string, TopicState> _topics;
    std::uint64_t _forgottenThrough = 0;
    std::uint64_t _lastSequence = 0;
    std::uint64_t _originSequence = 0;
    JournalFile _file;
        /// Last: its load fills the members above.
    sqlite3_stmt* _insert = nullptr;
};

} // namespace feedhub

#endif // feedhub_SqliteHistoryStore_INCLUDED
