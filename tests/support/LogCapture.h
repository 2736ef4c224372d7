//
// LogCapture.h
//
// Definition of the LogCapture class.
//

#ifndef feedhub_LogCapture_INCLUDED
#define feedhub_LogCapture_INCLUDED

#include "Poco/AutoPtr.h"
#include "Poco/Channel.h"
#include <mutex>
#include <string>

class LogCapture
    /// Keeps what the in-process hub logs under a logger name while it exists,
    /// for unit tests that check what a user would read in the log.
{
public:
    explicit LogCapture(const std::string& loggerName = "feedhub");
        /// Captures the logger and all its descendants.

    ~LogCapture();
        /// Gives the loggers their previous channel back.

    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    std::string text() const;
        /// Every message so far, one per line, as "<priority> <source>: <text>".

    bool contains(const std::string& text) const;

private:
    class Recorder;

    std::string _loggerName;
    Poco::AutoPtr<Recorder> _recorder;
    Poco::AutoPtr<Poco::Channel> _previous;
};

#endif // feedhub_LogCapture_INCLUDED
