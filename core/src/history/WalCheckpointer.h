//
// WalCheckpointer.h
//
// Definition of the WalCheckpointer class.
//

#ifndef feedhub_WalCheckpointer_INCLUDED
#define feedhub_WalCheckpointer_INCLUDED

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace feedhub
{

class WalCheckpointer
    /// Copies a journal's WAL into its database file now and then, on its own
    /// thread and connection.
    ///
    /// A checkpoint syncs the database file; done by the writer, as SQLite
    /// does by default, it would hold up every publish waiting to be stored.
    /// A passive checkpoint on another connection runs beside the writer.
{
public:
    WalCheckpointer(const std::string& path, std::chrono::milliseconds interval);
        /// Throws Poco::IOException if the database cannot be opened.
    ~WalCheckpointer();
        /// Checkpoints once more and joins the thread.

private:
    void run();

    sqlite3* _db = nullptr;
    std::chrono::milliseconds _interval;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
    std::thread _thread;
};

} // namespace feedhub

#endif // feedhub_WalCheckpointer_INCLUDED
