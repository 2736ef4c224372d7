//
// RedisServer.h
//
// Definition of the RedisServer class.
//

#ifndef feedhub_RedisServer_INCLUDED
#define feedhub_RedisServer_INCLUDED

#include "Poco/Process.h"
#include "Poco/Types.h"
#include <memory>
#include <string>

class RedisServer
    /// A real redis-server for a test, on a free port, without persistence
    /// (--save '' --appendonly no), started and stopped by the test.
{
public:
    RedisServer();
        /// Starts it and waits until it answers PING; throws if it does not.
    ~RedisServer();
        /// Kills it if it still runs.

    Poco::UInt16 port() const { return _port; }
    std::string url() const;
        /// redis://127.0.0.1:<port>/0

    void pause();
        /// SIGSTOP: the server keeps its connections and answers nothing.
    void resume();
        /// SIGCONT.

    bool answers(int timeoutMs) const;
        /// True if PING is answered within timeoutMs.

private:
    static Poco::UInt16 freePort();

    std::string _dir;
    Poco::UInt16 _port = 0;
    std::unique_ptr<Poco::ProcessHandle> _process;
};

#endif // feedhub_RedisServer_INCLUDED
