//
// JournalFile.cpp
//

#include "history/JournalFile.h"
#include "Poco/Data/SQLite/SQLiteException.h"
#include "Poco/Data/SQLite/SessionImpl.h"
#include "Poco/DateTimeFormatter.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "Poco/Path.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <unistd.h>

using namespace Poco::Data::Keywords;

namespace feedhub
{

namespace
{

// PRAGMA application_id of a feedhub journal ("FHJ1"): a file without it is
// someone else's, and is never written to.
constexpr std::uint32_t APPLICATION_ID = 0x46484A31;

constexpr std::size_t SQLITE_HEADER_BYTES = 100;
constexpr std::size_t APPLICATION_ID_OFFSET = 68;

// How often the WAL is copied into the database file.
constexpr std::chrono::milliseconds CHECKPOINT_INTERVAL(1000);

} // namespace

JournalFile::JournalFile(const std::string& path, bool fullSync, const Load& load)
    : _path(path), _fullSync(fullSync)
{
    lock();
    try
    {
        checkHeader();
        open(load);
    }
    catch (...)
    {
        _checkpointer.reset();
        _session.reset();
        ::close(_lockFd);
        throw;
    }
}

JournalFile::~JournalFile()
{
    _checkpointer.reset();
    // SQLite's own locks go with any descriptor of the file the process
    // closes: the lock's descriptor is closed last.
    _session.reset();
    ::close(_lockFd);
}

void JournalFile::lock()
{
    const std::string folder = Poco::Path(_path).parent().toString();
    try
    {
        Poco::File(folder).createDirectories();
    }
    catch (const Poco::Exception& e)
    {
        throw Poco::IOException("cannot create the folder " + folder + " of the history journal " + _path +
                                ": " + e.message());
    }
    // The journal's -wal and -shm files are created next to it.
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        throw Poco::IOException("cannot write in the folder " + folder + " of the history journal " + _path +
                                ": " + std::strerror(errno));
    _lockFd = ::open(_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (_lockFd < 0)
        throw Poco::IOException("cannot open the history journal " + _path + ": " + std::strerror(errno));
    if (::flock(_lockFd, LOCK_EX | LOCK_NB) != 0)
    {
        ::close(_lockFd);
        throw Poco::IOException(
            "the history journal " + _path +
            " is in use by another process (another hub with the same [history] database?)");
    }
}

void JournalFile::checkHeader() const
{
    std::ifstream in(_path, std::ios::binary);
    unsigned char header[SQLITE_HEADER_BYTES] = {};
    in.read(reinterpret_cast<char*>(header), sizeof(header));
    if (in.gcount() == 0)
        return;
    if (in.gcount() < static_cast<std::streamsize>(sizeof(header)) ||
        std::memcmp(header, "SQLite format 3", 16) != 0)
        throw Poco::IOException(_path + " is not a feedhub history journal (not an SQLite database); "
                                        "move it away or set [history] database");
    const std::uint32_t id = (std::uint32_t(header[APPLICATION_ID_OFFSET]) << 24) |
                             (std::uint32_t(header[APPLICATION_ID_OFFSET + 1]) << 16) |
                             (std::uint32_t(header[APPLICATION_ID_OFFSET + 2]) << 8) |
                             std::uint32_t(header[APPLICATION_ID_OFFSET + 3]);
    if (id != APPLICATION_ID)
        throw Poco::IOException(_path + " is not a feedhub history journal (an SQLite database of another "
                                        "application); move it away or set [history] database");
}

void JournalFile::open(const Load& load)
{
    for (int attempt = 0;; ++attempt)
    {
        std::string corruption;
        try
        {
            _session = std::make_unique<Poco::Data::Session>(new Poco::Data::SQLite::SessionImpl(_path));
            createSchema();
            load(*_session);
            _checkpointer = std::make_unique<WalCheckpointer>(_path, CHECKPOINT_INTERVAL);
            return;
        }
        catch (const Poco::Data::SQLite::CorruptImageException& e)
        {
            corruption = e.displayText();
        }
        catch (const Poco::DataFormatException& e)
        {
            corruption = e.message();
        }
        catch (const Poco::Data::DataException& e)
        {
            throw Poco::IOException("cannot open the history journal " + _path + ": " + e.displayText());
        }
        _session.reset();
        if (attempt > 0)
            throw Poco::IOException("cannot start a fresh history journal " + _path + ": " + corruption);
        moveAside(corruption);
    }
}

void JournalFile::createSchema()
{
    Poco::Data::Session& session = *_session;
    // Written before WAL mode is on, so that a new file has the id in its
    // header at once, not only in the WAL.
    session << "PRAGMA application_id = " + std::to_string(APPLICATION_ID), now;
    session << "CREATE TABLE IF NOT EXISTS events (sequence INTEGER PRIMARY KEY, topic TEXT NOT NULL, "
               "type TEXT NOT NULL, data TEXT NOT NULL, time INTEGER NOT NULL)",
        now;
    session << "CREATE INDEX IF NOT EXISTS events_by_topic ON events (topic, sequence)", now;
    session << "CREATE TABLE IF NOT EXISTS trimmed (topic TEXT PRIMARY KEY, through INTEGER NOT NULL)", now;
    session << "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)", now;
    session << "INSERT OR IGNORE INTO meta (key, value) VALUES ('origin', ?)",
        bind(Poco::Timestamp().epochMicroseconds()), now;
    std::string check;
    session << "PRAGMA quick_check", into(check), now;
    if (check != "ok")
        throw Poco::DataFormatException("integrity check failed: " + check);
    std::string mode;
    session << "PRAGMA journal_mode = WAL", into(mode), now;
    session << std::string("PRAGMA synchronous = ") + (_fullSync ? "FULL" : "NORMAL"), now;
    // The WalCheckpointer's thread checkpoints, not the writer.
    session << "PRAGMA wal_autocheckpoint = 0", now;
}

void JournalFile::moveAside(const std::string& reason)
{
    const std::string aside =
        _path + ".corrupt-" + Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%dT%H%M%S");
    for (const std::string suffix : {"-wal", "-shm"})
    {
        Poco::File part(_path + suffix);
        if (part.exists())
            part.renameTo(aside + suffix);
    }
    Poco::File(_path).renameTo(aside);
    Poco::Logger::get("feedhub.history")
        .error("the history journal " + _path + " is corrupt (" + reason + "); moved it to " + aside +
               " and started a fresh one");
    ::close(_lockFd);
    lock();
}

} // namespace feedhub
