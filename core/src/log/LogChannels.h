//
// LogChannels.h
//
// Definition of the LogChannels class.
//

#ifndef feedhub_LogChannels_INCLUDED
#define feedhub_LogChannels_INCLUDED

#include "Poco/AsyncChannel.h"
#include "Poco/AutoPtr.h"
#include "config/LogSettings.h"
#include <ostream>

namespace feedhub
{

class LogChannels
    /// Where the daemon logs: one line per message on a stream (standard
    /// output, which the journal keeps), as text or JSON ([log] format).
    /// The access log reaches it through an AsyncChannel, so that the event
    /// loops that log each answer never wait on the stream; its queue is
    /// bounded, and what overflows it is dropped and counted in the log.
{
public:
    explicit LogChannels(std::ostream& out);
        /// Logs as text at the default level until open().

    ~LogChannels();
        /// Writes what the access log still holds, then stops its thread.

    LogChannels(const LogChannels&) = delete;
    LogChannels& operator=(const LogChannels&) = delete;

    void open(const LogSettings& settings);
        /// Every logger's channel and level as settings say (the format is
        /// taken at start; a reload calls setLevels()).

    void setLevels(const LogSettings& settings);
        /// Every logger at settings' level; the access log at information
        /// when [log] access is on, else silent.

private:
    std::ostream& _out;
    Poco::AutoPtr<Poco::AsyncChannel> _access;
};

} // namespace feedhub

#endif // feedhub_LogChannels_INCLUDED
