//
// AccessLog.h
//
// Definition of the AccessLog class.
//

#ifndef feedhub_AccessLog_INCLUDED
#define feedhub_AccessLog_INCLUDED

#include "Poco/Logger.h"
#include "Poco/Timespan.h"
#include <string>

namespace feedhub
{

class AccessLog
    /// One line per answered request on the logger "feedhub.access", which
    /// is silent unless [log] access = true. Called on the event loops: the
    /// logger's channel hands lines to a thread of their own (LogChannels).
{
public:
    static const std::string LOGGER;

    static bool enabled();
        /// Whether a line would be logged; cheap, for the loops to ask first.

    static void record(const std::string& method, const std::string& target, int status, std::size_t bytes,
                       Poco::Timespan duration);
        /// Logs "GET /events?topic=news 200 312 B 0.4 ms", with method, path
        /// (token= redacted), status, bytes and duration_ms as the line's
        /// structured fields. method and target are "-" for a request too
        /// malformed to have them.

private:
    static Poco::Logger& logger();
};

} // namespace feedhub

#endif // feedhub_AccessLog_INCLUDED
