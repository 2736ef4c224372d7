//
// ClusterNodes.h
//
// Definition of the ClusterNodes class.
//

#ifndef feedhub_ClusterNodes_INCLUDED
#define feedhub_ClusterNodes_INCLUDED

#include "RedisServer.h"
#include "SseClient.h"
#include "TestDaemon.h"
#include <string>
#include <vector>

class ClusterNodes
    /// What the cluster suites share: the settings of a node on a test's
    /// Redis, and clients that collect what a node delivers.
{
public:
    static TestDaemon::Settings node(const RedisServer& redis, const std::string& name);
        /// [cluster] backend = redis on redis, as node name, with a short
        /// Redis timeout so that an outage is seen quickly.

    static void waitHealthy(const TestDaemon& daemon, int timeoutMs = 15000);
        /// Waits until /healthz answers 200; throws if it does not in time.

    static std::vector<std::string> readSse(SseClient& client, std::size_t count, int timeoutMs = 10000);
        /// The ids of the next count events; throws on feedhub.truncated.

    static std::vector<std::string> readUntil(SseClient& client, const std::string& lastId, int timeoutMs = 15000);
        /// The ids of the events up to and including lastId.

    static std::vector<std::string> poll(Poco::UInt16 port, const std::string& topics, std::string& cursor,
                                         const std::string& lastId);
        /// The ids long-polled from cursor up to and including lastId; cursor
        /// ends at the last answer's. Throws on a truncated answer.

    static void checkOnceInOrder(const std::vector<std::string>& acknowledged, const std::vector<std::string>& got);
        /// got is strictly increasing and holds every acknowledged id.
};

#endif // feedhub_ClusterNodes_INCLUDED
