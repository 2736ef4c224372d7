//
// LogCapture.cpp
//

#include "LogCapture.h"
#include "Poco/Logger.h"
#include "Poco/Message.h"

class LogCapture::Recorder : public Poco::Channel
{
public:
    void log(const Poco::Message& message) override
    {
        static const char* const PRIORITIES[] = {"",       "fatal",       "critical", "error", "warning",
                                                 "notice", "information", "debug",    "trace"};
        std::lock_guard<std::mutex> lock(_mutex);
        _text += std::string(PRIORITIES[message.getPriority()]) + " " + message.getSource() + ": " +
                 message.getText() + "\n";
    }

    std::string text() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _text;
    }

private:
    mutable std::mutex _mutex;
    std::string _text;
};

LogCapture::LogCapture(const std::string& loggerName) : _loggerName(loggerName), _recorder(new Recorder)
{
    Poco::Logger& logger = Poco::Logger::get(loggerName);
    _previous = logger.getChannel();
    Poco::Logger::setChannel(loggerName, _recorder);
}

LogCapture::~LogCapture()
{
    Poco::Logger::setChannel(_loggerName, _previous);
}

std::string LogCapture::text() const
{
    return _recorder->text();
}

bool LogCapture::contains(const std::string& text) const
{
    return this->text().find(text) != std::string::npos;
}
