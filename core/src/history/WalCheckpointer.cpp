//
// WalCheckpointer.cpp
//

#include "history/WalCheckpointer.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"
#include <sqlite3.h>

namespace feedhub
{

WalCheckpointer::WalCheckpointer(const std::string& path, std::chrono::milliseconds interval)
    : _interval(interval)
{
    if (sqlite3_open_v2(path.c_str(), &_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    {
        const std::string reason = _db ? sqlite3_errmsg(_db) : "out of memory";
        sqlite3_close(_db);
        throw Poco::IOException("cannot open the history journal " + path + " to checkpoint it: " + reason);
    }
    _thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _wake.notify_one();
    _thread.join();
    sqlite3_close(_db);
}

void WalCheckpointer::run()
{
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;)
    {
        const bool stopping = _wake.wait_for(lock, _interval, [this] { return _stopping; });
        lock.unlock();
        const int result =
            sqlite3_wal_checkpoint_v2(_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (result != SQLITE_OK && result != SQLITE_BUSY)
            Poco::Logger::get("feedhub.history")
                .warning(std::string("history journal checkpoint: ") + sqlite3_errmsg(_db));
        if (stopping)
            return;
        lock.lock();
    }
}

} // namespace feedhub
