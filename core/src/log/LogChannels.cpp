//
// LogChannels.cpp
//

#include "log/LogChannels.h"
#include "log/AccessLog.h"
#include "log/JsonLogFormatter.h"
#include "Poco/ConsoleChannel.h"
#include "Poco/FormattingChannel.h"
#include "Poco/Logger.h"
#include "Poco/PatternFormatter.h"

namespace feedhub
{

namespace
{

// Lines an access log burst may queue before lines are dropped.
const char* const ACCESS_QUEUE_LINES = "10000";

} // namespace

LogChannels::LogChannels(std::ostream& out) : _out(out)
{
    open(LogSettings());
}

LogChannels::~LogChannels()
{
    _access->close();
}

void LogChannels::open(const LogSettings& settings)
{
    Poco::AutoPtr<Poco::Formatter> formatter;
    if (settings.format == LogSettings::Format::JSON)
        formatter = new JsonLogFormatter;
    else
        formatter = new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i %p %s: %t");
    // One stream channel for both, so that lines never interleave.
    Poco::AutoPtr<Poco::Channel> stream(new Poco::ConsoleChannel(_out));
    Poco::AutoPtr<Poco::Channel> lines(new Poco::FormattingChannel(formatter, stream));
    if (_access)
        _access->close();
    _access = new Poco::AsyncChannel(lines);
    _access->setProperty("queueSize", ACCESS_QUEUE_LINES);
    Poco::Logger::setChannel("", lines);
    Poco::Logger::get(AccessLog::LOGGER).setChannel(_access);
    setLevels(settings);
}

void LogChannels::setLevels(const LogSettings& settings)
{
    Poco::Logger::setLevel("", settings.level);
    Poco::Logger::get(AccessLog::LOGGER).setLevel(settings.access ? Poco::Message::PRIO_INFORMATION : 0);
}

} // namespace feedhub
