//
// SqliteHistoryStore.h
//
// Definition of the SqliteHistoryStore class.
//

#ifndef feedhub_SqliteHistoryStore_INCLUDED
#define feedhub_SqliteHistoryStore_INCLUDED

#include "Poco/Data/Session.h"
#include "history/HistoryStore.h"
#include "history/WalCheckpointer.h"
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
    /// Opening refuses, with Poco::IOException naming the file and the
    /// reason, a folder it cannot write, a file another process holds and a
    /// file that is not a feedhub journal. A journal SQLite finds corrupt is
    /// renamed to "<file>.corrupt-<time>" (logged as an error) and a fresh
    /// one is started.
    ///
    /// One thread uses it (HistoryJournal's), except lostAfter() and
    /// lastSequence(), which any thread may call; a WalCheckpointer of its
    /// own copies the WAL into the file beside it.
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

    const std::string& path() const { return _path; }

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

    void open();
    void lock();
    void checkHeader() const;
    void createSchema();
    void moveAside(const std::string& reason);
    void loadState();
    void trimTopic(const std::string& topic, TopicState& state);
    void dropThrough(const std::string& topic, TopicState& state, std::uint64_t sequence, std::size_t count,
                     std::size_t bytes);
    void forgetEmptyTopics();
    static std::size_t storedBytes(const Event& event);

    std::string _path;
    Bounds _bounds;
    Sync _sync;
    int _lockFd = -1;
    std::unique_ptr<Poco::Data::Session> _session;
    sqlite3_stmt* _insert = nullptr;
    std::unique_ptr<WalCheckpointer> _checkpointer;
    mutable std::mutex _stateMutex;
        /// Guards _topics, _forgottenThrough and _lastSequence, never across I/O.
    std::map<std::string, TopicState> _topics;
    std::uint64_t _forgottenThrough = 0;
    std::uint64_t _lastSequence = 0;
    std::uint64_t _originSequence = 0;
};

} // namespace feedhub

#endif // feedhub_SqliteHistoryStore_INCLUDED
