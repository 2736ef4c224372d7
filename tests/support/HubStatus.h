//
// HubStatus.h
//
// Definition of the HubStatus class.
//

#ifndef feedhub_HubStatus_INCLUDED
#define feedhub_HubStatus_INCLUDED

#include "Poco/Types.h"
#include <functional>
#include <string>

class HubStatus
    /// What the daemon under test reports about itself (/healthz, /topics, /metrics),
    /// for tests that wait for connections to park or go away.
{
public:
    static int subscribers(Poco::UInt16 port);
        /// SSE streams and waiting polls ("subscribers" of /healthz).

    static int connections(Poco::UInt16 port);
        /// Open client connections but the one asking ("connections" of /healthz).

    static int subscribers(Poco::UInt16 port, const std::string& topic);
        /// The topic's subscriber count in /topics (0 if it is not listed).

    static double metric(Poco::UInt16 port, const std::string& sample);
        /// One sample of /metrics, named with its labels ("feedhub_topics",
        /// "feedhub_connections{transport=\"sse\"}"); throws if it is missing.
    static double metric(const std::string& metrics, const std::string& sample);
        /// The same, from a /metrics answer already read.

    static bool waitFor(const std::function<bool()>& condition, int timeoutMs = 10000);
        /// Checks condition every 20 ms until it holds; false if it never did in time.
};

#endif // feedhub_HubStatus_INCLUDED
