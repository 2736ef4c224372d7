//
// CtlProcess.cpp
//

#include "CtlProcess.h"
#include "Poco/Exception.h"
#include "Poco/Pipe.h"
#include "Poco/Thread.h"
#include <algorithm>

namespace
{

void drain(Poco::Pipe pipe, std::mutex& mutex, std::string& into)
{
    // What each read brings, at once: a stream's lines are watched as they come.
    char buffer[4096];
    for (int got = pipe.readBytes(buffer, sizeof(buffer)); got > 0;
         got = pipe.readBytes(buffer, sizeof(buffer)))
    {
        std::lock_guard<std::mutex> lock(mutex);
        into.append(buffer, static_cast<std::size_t>(got));
    }
}

} // namespace

CtlProcess::Result CtlProcess::run(const std::vector<std::string>& arguments, const std::string& input,
                                   const Poco::Process::Env& environment)
{
    CtlProcess process(arguments, input, environment);
    Result result;
    result.exitCode = process.wait();
    result.out = process.output();
    result.err = process.errors();
    return result;
}

CtlProcess::Result CtlProcess::shell(const std::string& command)
{
    CtlProcess process("/bin/sh", {"-c", command}, "", {{"FEEDHUBCTL", binary()}});
    Result result;
    result.exitCode = process.wait();
    result.out = process.output();
    result.err = process.errors();
    return result;
}

CtlProcess::CtlProcess(const std::vector<std::string>& arguments, const std::string& input,
                       const Poco::Process::Env& environment)
    : CtlProcess(binary(), arguments, input, environment)
{
}

CtlProcess::CtlProcess(const std::string& program, const std::vector<std::string>& arguments,
                       const std::string& input, const Poco::Process::Env& environment)
{
    Poco::Pipe in;
    Poco::Pipe out;
    Poco::Pipe err;
    _process = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(program, arguments, &in, &out, &err, environment));
    _outReader = std::thread([this, out] { drain(out, _mutex, _out); });
    _errReader = std::thread([this, err] { drain(err, _mutex, _err); });
    // Read as it is written: a large input does not wait on unread output.
    try
    {
        for (std::size_t sent = 0; sent < input.size();)
            sent += static_cast<std::size_t>(
                in.writeBytes(input.data() + sent, static_cast<int>(input.size() - sent)));
    }
    catch (const Poco::Exception&)
    {
        // It stopped reading and exited; its exit code and errors say why.
    }
    in.close(Poco::Pipe::CLOSE_WRITE);
}

CtlProcess::~CtlProcess()
{
    if (_process)
    {
        const int exitCode = _process->tryWait();
        if (exitCode == -1)
            Poco::Process::kill(*_process);
        else
        {
            // Reaped: wait() must not wait for it again.
            _exitCode = exitCode;
            _process.reset();
        }
    }
    wait();
}

bool CtlProcess::waitFor(const std::function<bool()>& done, int timeoutMs) const
{
    for (int waited = 0; waited <= timeoutMs; waited += 20)
    {
        if (done())
            return true;
        Poco::Thread::sleep(20);
    }
    return false;
}

bool CtlProcess::waitForLines(std::size_t count, int timeoutMs) const
{
    return waitFor(
        [this, count] {
            const std::string text = output();
            return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) >= count;
        },
        timeoutMs);
}

bool CtlProcess::waitForError(const std::string& text, int timeoutMs) const
{
    return waitFor([this, &text] { return errors().find(text) != std::string::npos; }, timeoutMs);
}

std::vector<std::string> CtlProcess::lines() const
{
    const std::string text = output();
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start))
    {
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string CtlProcess::output() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _out;
}

std::string CtlProcess::errors() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _err;
}

int CtlProcess::wait()
{
    if (_process)
    {
        _exitCode = _process->wait();
        _process.reset();
    }
    if (_outReader.joinable())
        _outReader.join();
    if (_errReader.joinable())
        _errReader.join();
    return _exitCode;
}

std::string CtlProcess::binary()
{
    return FEEDHUBCTL_BINARY;
}
