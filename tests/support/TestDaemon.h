//
// TestDaemon.h
//
// Definition of the TestDaemon class.
//

#ifndef feedhub_TestDaemon_INCLUDED
#define feedhub_TestDaemon_INCLUDED

#include "Poco/Process.h"
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class TestDaemon
    /// Runs the real feedhub binary on an ephemeral port with a hub.ini made
    /// for the test, and keeps what it logs.
{
public:
    using Settings = std::map<std::string, std::string>;
        /// "section.key" -> value, written into the test's hub.ini.

    explicit TestDaemon(const Settings& settings = Settings(), const std::string& extraIni = "",
                        const std::vector<std::string>& launcher = {});
        /// Starts the daemon and waits until it listens. extraIni is appended
        /// verbatim (for feed sections). Its history journal is in the test's
        /// own folder unless settings name one. launcher is a command the
        /// daemon is started through (prlimit, setpriv), with its arguments.
        /// Throws if it does not start, with what it logged.

    ~TestDaemon();
        /// Stops the daemon if it still runs.

    Poco::UInt16 port() const { return _port; }
    int pid() const { return _pid; }
    const std::string& configPath() const { return _configPath; }

    int threadCount() const;
        /// Threads of the daemon process, from /proc.

    long rssKilobytes() const;

    bool logContains(const std::string& text) const;
    bool waitForLog(const std::string& text, int timeoutMs) const;
    std::string log() const;

    void signal(int number) const;

    int stop();
        /// SIGTERM, then waits; returns the exit code.

    void restart();
        /// Stops the daemon and starts it again on the same port, with the
        /// same hub.ini and history journal, as a clients' hub restarts.

    void writeConfig(const Settings& settings, const std::string& extraIni = "") const;
        /// Rewrites the test's hub.ini (for reload tests).

    static std::string sourceDir();
    static std::string buildDir();
    static std::string makeTempDir();

private:
    void launch(Poco::UInt16 port);
    void drainOutput(Poco::Pipe pipe);

    const std::vector<std::string> _launcher;

    std::string _configPath;
    std::string _tempDir;
    int _pid = -1;
    int _exitCode = -1;
    std::unique_ptr<Poco::ProcessHandle> _process;
    Poco::UInt16 _port = 0;
    mutable std::mutex _mutex;
    std::string _log;
    std::thread _reader;
};

#endif // feedhub_TestDaemon_INCLUDED
