//
// TestDaemon.cpp
//

#include "TestDaemon.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/NumberParser.h"
#include "Poco/Path.h"
#include "Poco/PipeStream.h"
#include "Poco/String.h"
#include "Poco/TemporaryFile.h"
#include "Poco/Thread.h"
#include <csignal>
#include <fstream>
#include <regex>
#include <sstream>

namespace
{

const TestDaemon::Settings& baseSettings()
{
    static const TestDaemon::Settings settings = {
        {"server.address", "127.0.0.1"},
        // Suites about other things publish without tokens; the auth suites ask for "token".
        {"auth.publish", "open"},
        {"log.level", "information"},
    };
    return settings;
}

} // namespace

TestDaemon::TestDaemon(const Settings& settings, const std::string& extraIni,
                       const std::vector<std::string>& launcher)
    : _launcher(launcher)
{
    _tempDir = makeTempDir();
    _configPath = _tempDir + "/hub.ini";
    writeConfig(settings, extraIni);
    launch(0);
}

void TestDaemon::restart()
{
    stop();
    launch(_port);
}

void TestDaemon::launch(Poco::UInt16 port)
{
    Poco::Pipe output;
    Poco::Process::Args args(_launcher.empty() ? _launcher.begin() : _launcher.begin() + 1, _launcher.end());
    for (const std::string& arg : {std::string(FEEDHUB_BINARY), std::string("--config"), _configPath,
                                   std::string("--port"), std::to_string(port)})
        args.push_back(arg);
    const std::string program = _launcher.empty() ? args.front() : _launcher.front();
    if (_launcher.empty())
        args.erase(args.begin());
    const std::size_t logFrom = log().size();
    _exitCode = -1;
    _process = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(program, args, _tempDir, nullptr, &output, &output));
    _pid = _process->id();
    _reader = std::thread([this, output] { drainOutput(output); });

    const std::regex listening("listening on port ([0-9]+)");
    for (int waited = 0; waited < 15000; waited += 20)
    {
        std::smatch match;
        const std::string text = log().substr(logFrom);
        if (std::regex_search(text, match, listening))
        {
            _port = static_cast<Poco::UInt16>(Poco::NumberParser::parse(match[1]));
            return;
        }
        // tryWait reaps a daemon that exited; isRunning would still see its zombie.
        _exitCode = _process->tryWait();
        if (_exitCode != -1)
            break;
        Poco::Thread::sleep(20);
    }
    // Once stopped, the reader has drained all it said.
    stop();
    throw Poco::RuntimeException("feedhub did not start; it said:\n" + log());
}

TestDaemon::~TestDaemon()
{
    stop();
    Poco::File(_tempDir).remove(true);
}

void TestDaemon::writeConfig(const Settings& settings, const std::string& extraIni) const
{
    Settings merged = baseSettings();
    merged["history.database"] = _tempDir + "/history.db";
    for (const auto& [key, value] : settings)
        merged[key] = value;
    std::map<std::string, std::vector<std::string>> sections;
    for (const auto& [key, value] : merged)
    {
        const std::size_t dot = key.find('.');
        sections[key.substr(0, dot)].push_back(key.substr(dot + 1) + " = " + value);
    }
    std::ofstream out(_configPath);
    for (const auto& [section, lines] : sections)
    {
        out << '[' << section << "]\n";
        for (const std::string& line : lines)
            out << line << '\n';
    }
    out << extraIni << '\n';
}

void TestDaemon::drainOutput(Poco::Pipe pipe)
{
    Poco::PipeInputStream in(pipe);
    std::string line;
    while (std::getline(in, line))
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _log += line;
        _log += '\n';
    }
}

int TestDaemon::threadCount() const
{
    std::ifstream status("/proc/" + std::to_string(_pid) + "/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("Threads:", 0) == 0)
            return Poco::NumberParser::parse(Poco::trim(line.substr(8)));
    }
    return -1;
}

long TestDaemon::rssKilobytes() const
{
    std::ifstream status("/proc/" + std::to_string(_pid) + "/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

bool TestDaemon::logContains(const std::string& text) const
{
    return log().find(text) != std::string::npos;
}

bool TestDaemon::waitForLog(const std::string& text, int timeoutMs) const
{
    for (int waited = 0; waited <= timeoutMs; waited += 20)
    {
        if (logContains(text))
            return true;
        Poco::Thread::sleep(20);
    }
    return false;
}

std::string TestDaemon::log() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _log;
}

void TestDaemon::signal(int number) const
{
    ::kill(_pid, number);
}

int TestDaemon::stop()
{
    if (!_process)
        return -1;
    if (_exitCode == -1)
    {
        ::kill(_pid, SIGTERM);
        _exitCode = _process->wait();
    }
    const int code = _exitCode;
    _process.reset();
    if (_reader.joinable())
        _reader.join();
    return code;
}

std::string TestDaemon::sourceDir()
{
    return FEEDHUB_SOURCE_DIR;
}

std::string TestDaemon::buildDir()
{
    return FEEDHUB_BUILD_DIR;
}

std::string TestDaemon::makeTempDir()
{
    const std::string path = Poco::TemporaryFile::tempName();
    Poco::File(path).createDirectories();
    return path;
}
