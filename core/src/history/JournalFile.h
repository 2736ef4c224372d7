//
// JournalFile.h
//
// Definition of the JournalFile class.
//

#ifndef feedhub_JournalFile_INCLUDED
#define feedhub_JournalFile_INCLUDED

#include "Poco/Data/Session.h"
#include "history/WalCheckpointer.h"
#include <functional>
#include <memory>
#include <string>

namespace feedhub
{

class JournalFile
    /// The SQLite file behind a SqliteHistoryStore, open: locked against a
    /// second hub (flock), checked to be a feedhub journal, its schema made,
    /// in WAL mode with a WalCheckpointer of its own.
    ///
    /// Refuses, with Poco::IOException naming the file and the reason, a
    /// folder it cannot write, a file another process holds and a file that
    /// is not a feedhub journal. A journal SQLite finds corrupt (opening it,
    /// or in what load reads) is renamed to "<file>.corrupt-<time>", logged
    /// as an error, and a fresh one is started.
{
public:
    using Load = std::function<void(Poco::Data::Session& session)>;
        /// Reads what the store keeps in memory; may throw
        /// Poco::DataFormatException for a file it finds corrupt.

    JournalFile(const std::string& path, bool fullSync, const Load& load);
    ~JournalFile();

    Poco::Data::Session& session() { return *_session; }
    const std::string& path() const { return _path; }

private:
    void lock();
    void checkHeader() const;
    void open(const Load& load);
    void createSchema();
    void moveAside(const std::string& reason);

    std::string _path;
    bool _fullSync;
    int _lockFd = -1;
    std::unique_ptr<Poco::Data::Session> _session;
    std::unique_ptr<WalCheckpointer> _checkpointer;
};

} // namespace feedhub

#endif // feedhub_JournalFile_INCLUDED
