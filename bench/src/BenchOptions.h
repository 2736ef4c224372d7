#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "Publisher.h"
#include "WebSocketSubscriber.h"

namespace Poco::Util
{
class AbstractConfiguration;
class OptionSet;
} // namespace Poco::Util

namespace feedhub::bench
{

enum class SubscribeMode
{
    Sse,
    Poll,
    WebSocket
};

enum class PollProtocolKind
{
    Hub,
    Nchan
};

// Everything a run is configured with, read from the command line.
struct BenchOptions
{
    SubscribeMode mode = SubscribeMode::Sse;
    std::string host = "127.0.0.1";
    uint16_t port = 8080;
    std::vector<uint16_t> subscribePorts;
        /// Ports of host the subscribers are spread over, round robin (one
        /// node of a cluster each); empty: all on port.
    std::vector<uint16_t> publishPorts;
        /// Ports the paced publisher's connections are spread over, round
        /// robin; empty: all on port.
    std::string subscribeUrl; // resolved: absolute, or a path on host:port
    std::string publishUrl;
    std::string joinUrl;
        /// A chat room's join path: before the ramp-up, subscriber i joins as
        /// member-<i> on its port; empty: no joins.
    std::string topic = "bench";
    int subscribers = 100;
    uint64_t events = 30;
    double eventsPerSecond = 10;
    std::vector<int> serverPids;
        /// Processes whose memory and CPU time are sampled and summed (the
        /// nodes of a cluster); empty: none.
    double durationLimitSeconds = 300;
    size_t payloadBytes = 128;
    PollProtocolKind pollProtocol = PollProtocolKind::Hub;
    WebSocketProtocolKind webSocketProtocol = WebSocketProtocolKind::Hub;
    PublishFormat publishFormat = PublishFormat::HubJson;
    int pollTimeoutSeconds = 30;
    int connectBatch = 100; // connection attempts in flight during ramp-up
    bool connectStorm = false;
        /// Every subscriber connects at once, one attempt each, and each
        /// first attempt's outcome is counted (SSE only).
    double stormWaitSeconds = 20;
        /// How long a connect storm waits for every connection's outcome.
    double settleSeconds = 2;
    double drainTimeoutSeconds = 5;
    // Event loop threads the subscribers are split over (one loop each).
    int threads = 1;
    static constexpr int kMaxThreads = 8;

    // Command-line options; each binds to a configuration property of the
    // same name, read back by fromConfiguration().
    static void define(Poco::Util::OptionSet& options);

    // Throws Poco::InvalidArgumentException on inconsistent values.
    static BenchOptions fromConfiguration(const Poco::Util::AbstractConfiguration& config);
};

const char* modeName(SubscribeMode mode);

} // namespace feedhub::bench
