//
// HubSettings.h
//
// Definition of the HubSettings struct.
//

#ifndef feedhub_HubSettings_INCLUDED
#define feedhub_HubSettings_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Util/AbstractConfiguration.h"
#include "feedhub/Export.h"
#include <string>
#include <vector>

namespace feedhub
{

struct FEEDHUB_API HubSettings
    /// The core's settings, read from hub.ini. etc/hub.ini documents each one.
{
    std::string address = "0.0.0.0";
    int port = 8080;
    int workerThreads = 8;
    int workerQueue = 256;
    int eventLoops = 1;
    std::string corsOrigin = "*";
    std::size_t maxConnections = 0;
        /// 0: sized from the open-files limit (see OpenFiles).
    std::size_t maxHeadBytes = 32768;
    std::size_t maxBodyBytes = 65536;
    Poco::Timespan requestTimeout = Poco::Timespan(10, 0);
    Poco::Timespan keepAliveTimeout = Poco::Timespan(60, 0);

    int retryMs = 3000;
    Poco::Timespan heartbeat = Poco::Timespan(15, 0);
    std::size_t maxSubscribers = 19000;
    std::size_t maxTopicsPerConnection = 16;
    std::size_t outboxLimitBytes = 1 << 20;
    std::vector<std::string> defaultTopics;

    std::size_t wsMaxMessageBytes = 131072;

    std::size_t historyEvents = 1000;
    Poco::Timespan historyAge = Poco::Timespan(3600, 0);
    std::size_t maxTopics = 10000;

    Poco::Timespan pollDefaultTimeout = Poco::Timespan(25, 0);
    Poco::Timespan pollMaxTimeout = Poco::Timespan(120, 0);
    std::size_t pollBatchSize = 100;

    bool webEnabled = true;
    std::string webRoot;
        /// Empty: the installed dashboard, or the source tree's web/ (see WebRoot).

    static HubSettings fromConfiguration(const Poco::Util::AbstractConfiguration& config);
        /// Reads the [server], [sse], [websocket], [history], [poll] and [web] sections; a missing key keeps
        /// its default. Throws Poco::InvalidArgumentException naming the key if
        /// a value is out of range.
};

} // namespace feedhub

#endif // feedhub_HubSettings_INCLUDED
