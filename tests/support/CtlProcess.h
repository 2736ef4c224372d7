//
// CtlProcess.h
//
// Definition of the CtlProcess class.
//

#ifndef feedhub_CtlProcess_INCLUDED
#define feedhub_CtlProcess_INCLUDED

#include "Poco/Process.h"
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class CtlProcess
    /// Runs the built feedhubctl as a shell would: given arguments,
    /// environment and standard input, its standard output and error kept as
    /// they come.
{
public:
    struct Result
    {
        int exitCode = -1;
        std::string out;
        std::string err;
    };

    static Result run(const std::vector<std::string>& arguments, const std::string& input = "",
                      const Poco::Process::Env& environment = {});
        /// Runs it to the end.

    static Result shell(const std::string& command);
        /// Runs command with /bin/sh, in which $FEEDHUBCTL is the built feedhubctl (for pipelines).

    explicit CtlProcess(const std::vector<std::string>& arguments, const std::string& input = "",
                        const Poco::Process::Env& environment = {});
        /// Starts it, writes input to its standard input and closes it.

    ~CtlProcess();
        /// Kills it if it still runs.

    bool waitForLines(std::size_t count, int timeoutMs) const;
        /// True once standard output holds count lines.
    bool waitForError(const std::string& text, int timeoutMs) const;
        /// True once standard error holds text.

    std::vector<std::string> lines() const;
    std::string output() const;
    std::string errors() const;

    int wait();
        /// Its exit code, once it has exited.

    static std::string binary();

private:
    CtlProcess(const std::string& program, const std::vector<std::string>& arguments,
               const std::string& input, const Poco::Process::Env& environment);
    bool waitFor(const std::function<bool()>& done, int timeoutMs) const;

    std::unique_ptr<Poco::ProcessHandle> _process;
    int _exitCode = -1;
    mutable std::mutex _mutex;
    std::string _out;
    std::string _err;
    std::thread _outReader;
    std::thread _errReader;
};

#endif // feedhub_CtlProcess_INCLUDED
