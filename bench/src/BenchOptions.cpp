#include "BenchOptions.h"

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/RegExpValidator.h>

namespace feedhub::bench
{

namespace
{

using Poco::Util::IntValidator;
using Poco::Util::Option;
using Poco::Util::RegExpValidator;

const char* const kNumberPattern = "[0-9]+(\\.[0-9]+)?";
const char* const kNumberListPattern = "[0-9]+(,[0-9]+)*";

Option valueOption(const std::string& name, const std::string& argument, const std::string& description)
{
    return Option(name, "", description).required(false).repeatable(false).argument(argument).binding(name);
}

// "18081,18082" as numbers, each checked against [low, high].
std::vector<int> numberList(const std::string& list, const std::string& option, int low, int high)
{
    std::vector<int> numbers;
    for (const std::string& item : Poco::StringTokenizer(list, ",", Poco::StringTokenizer::TOK_TRIM))
    {
        int number = 0;
        if (!Poco::NumberParser::tryParse(item, number) || number < low || number > high)
            throw Poco::InvalidArgumentException("--" + option + ": not a number from " + std::to_string(low) +
                                                     " to " + std::to_string(high),
                                                 item);
        numbers.push_back(number);
    }
    return numbers;
}

} // namespace

const char* modeName(SubscribeMode mode)
{
    switch (mode)
    {
    case SubscribeMode::Sse:
        return "sse";
    case SubscribeMode::Poll:
        return "poll";
    case SubscribeMode::WebSocket:
        break;
    }
    return "websocket";
}

void BenchOptions::define(Poco::Util::OptionSet& options)
{
    options.addOption(Option("help", "h", "Show this help and exit.").required(false).repeatable(false));
    options.addOption(
        valueOption("mode", "sse|poll|websocket",
                    "Subscriber kind: SSE stream, long-poll loop or WebSocket (default sse).")
            .validator(new RegExpValidator("sse|poll|websocket")));
    options.addOption(valueOption("host", "ADDR", "Server address (default 127.0.0.1)."));
    options.addOption(
        valueOption("port", "N", "Server port (default 8080).").validator(new IntValidator(1, 65535)));
    options.addOption(
        valueOption("ports", "N,N,...",
                    "Spread the subscribers over these ports of --host, round robin (the nodes of a "
                    "cluster); publishes still go to --port (default: every subscriber on --port).")
            .validator(new RegExpValidator(kNumberListPattern)));
    options.addOption(
        valueOption("subscribe-url", "URL",
                    "Subscriber URL or path (default /events?topic=T, /poll?topic=T for poll mode, /ws for "
                    "websocket mode)."));
    options.addOption(valueOption("publish-url", "URL", "Publish URL or path (default /publish)."));
    options.addOption(
        valueOption("publish-ports", "N,N,...",
                    "Spread the paced publisher's connections over these ports of --host, round robin "
                    "(default: all on --port).")
            .validator(new RegExpValidator(kNumberListPattern)));
    options.addOption(
        valueOption("join-url", "PATH",
                    "A chat room's join path (/api/chat/ROOM/join): before subscribing, subscriber i joins "
                    "as member-<i> on its port, so every subscriber is a member (default: no joins)."));
    options.addOption(valueOption("topic", "NAME", "Topic to publish to and subscribe to (default bench)."));
    options.addOption(valueOption("subscribers", "N", "Concurrent subscribers (default 100).")
                          .validator(new IntValidator(1, 1000000)));
    options.addOption(valueOption("events", "M", "Events to publish (default 30).")
                          .validator(new IntValidator(1, 100000000)));
    options.addOption(
        valueOption("rate", "R", "Events per second; 0 = back to back, for saturation (default 10).")
            .validator(new RegExpValidator(kNumberPattern)));
    options.addOption(
        valueOption("server-pid", "PID[,PID...]",
                    "Sample this process's VmRSS and CPU time to report memory per subscriber and CPU per "
                    "delivery; with several (the nodes of a cluster), their sum.")
            .validator(new RegExpValidator(kNumberListPattern)));
    options.addOption(
        valueOption("duration-limit", "S", "Hard cap on the whole run in seconds (default 300).")
            .validator(new RegExpValidator(kNumberPattern)));
    options.addOption(
        valueOption("payload-bytes", "B", "Approximate size of each event's data (default 128).")
            .validator(new IntValidator(0, 16 * 1024 * 1024)));
    options.addOption(
        valueOption("poll-protocol", "hub|nchan",
                    "Long-poll dialect: feedhub cursor or Nchan If-Modified-Since (default hub).")
            .validator(new RegExpValidator("hub|nchan")));
    options.addOption(
        valueOption("ws-protocol", "hub|nchan",
                    "WebSocket dialect: feedhub's subscribe message on /ws, or Nchan's subscription by "
                    "URL (default hub).")
            .validator(new RegExpValidator("hub|nchan")));
    options.addOption(valueOption("publish-format", "json|raw|chat",
                                  "POST body: feedhub JSON envelope, the raw payload as Nchan takes it, or a "
                                  "chat message {\"user\",\"text\"} with the payload as its text (default "
                                  "json, raw with --poll-protocol nchan).")
                          .validator(new RegExpValidator("json|raw|chat")));
    options.addOption(
        valueOption("poll-timeout", "S", "timeout= asked of the hub per long poll (default 30).")
            .validator(new IntValidator(1, 3600)));
    options.addOption(
        valueOption("connect-batch", "N", "Connection attempts in flight while ramping up (default 100).")
            .validator(new IntValidator(1, 100000)));
    options.addOption(Option("connect-storm", "",
                             "Open every subscriber at once (no connect batch, one attempt each) and count "
                             "how each connection ended: served, refused with an HTTP status, closed without "
                             "a response, connect failed, never answered (SSE only).")
                          .required(false)
                          .repeatable(false)
                          .binding("connect-storm"));
    options.addOption(
        valueOption("storm-wait", "S",
                    "With --connect-storm, seconds to wait for every connection's outcome (default 20).")
            .validator(new RegExpValidator(kNumberPattern)));
    options.addOption(valueOption("settle", "S", "Idle seconds between ramp-up and publishing (default 2).")
                          .validator(new RegExpValidator(kNumberPattern)));
    options.addOption(
        valueOption("drain-timeout", "S",
                    "After the last publish, stop once no delivery arrived for S seconds (default 5).")
            .validator(new RegExpValidator(kNumberPattern)));
    options.addOption(
        valueOption("threads", "N",
                    "Event loop threads, each holding an equal share of the subscribers (default 1, max " +
                        std::to_string(kMaxThreads) + ").")
            .validator(new IntValidator(1, kMaxThreads)));
}

BenchOptions BenchOptions::fromConfiguration(const Poco::Util::AbstractConfiguration& config)
{
    BenchOptions options;
    const std::string mode = config.getString("mode", "sse");
    options.mode = mode == "poll"        ? SubscribeMode::Poll
                   : mode == "websocket" ? SubscribeMode::WebSocket
                                         : SubscribeMode::Sse;
    options.webSocketProtocol = config.getString("ws-protocol", "hub") == "nchan" ? WebSocketProtocolKind::Nchan
                                                                                : WebSocketProtocolKind::Hub;
    options.host = config.getString("host", options.host);
    options.port = static_cast<uint16_t>(config.getInt("port", options.port));
    options.topic = config.getString("topic", options.topic);
    options.subscribers = config.getInt("subscribers", options.subscribers);
    options.events = config.getUInt64("events", options.events);
    options.eventsPerSecond = config.getDouble("rate", options.eventsPerSecond);
    for (const int pid : numberList(config.getString("server-pid", ""), "server-pid", 1, 1 << 30))
        options.serverPids.push_back(pid);
    for (const int port : numberList(config.getString("ports", ""), "ports", 1, 65535))
        options.subscribePorts.push_back(static_cast<uint16_t>(port));
    for (const int port : numberList(config.getString("publish-ports", ""), "publish-ports", 1, 65535))
        options.publishPorts.push_back(static_cast<uint16_t>(port));
    options.durationLimitSeconds = config.getDouble("duration-limit", options.durationLimitSeconds);
    options.payloadBytes =
        static_cast<size_t>(config.getInt("payload-bytes", static_cast<int>(options.payloadBytes)));
    options.pollProtocol =
        config.getString("poll-protocol", "hub") == "nchan" ? PollProtocolKind::Nchan : PollProtocolKind::Hub;
    const std::string defaultFormat = options.pollProtocol == PollProtocolKind::Nchan ? "raw" : "json";
    const std::string format = config.getString("publish-format", defaultFormat);
    options.publishFormat = format == "raw"    ? PublishFormat::RawBody
                            : format == "chat" ? PublishFormat::Chat
                                               : PublishFormat::HubJson;
    options.pollTimeoutSeconds = config.getInt("poll-timeout", options.pollTimeoutSeconds);
    options.connectBatch = config.getInt("connect-batch", options.connectBatch);
    options.connectStorm = config.hasProperty("connect-storm");
    options.stormWaitSeconds = config.getDouble("storm-wait", options.stormWaitSeconds);
    options.settleSeconds = config.getDouble("settle", options.settleSeconds);
    options.drainTimeoutSeconds = config.getDouble("drain-timeout", options.drainTimeoutSeconds);
    options.threads = config.getInt("threads", options.threads);

    std::string encodedTopic;
    Poco::URI::encode(options.topic, "&=+?#/", encodedTopic);
    const std::string defaultSubscribePath = options.mode == SubscribeMode::Sse ? "/events" : "/poll";
    // The hub's /ws names its topics in the subscribe message, not the URL.
    const std::string defaultSubscribeUrl =
        options.mode == SubscribeMode::WebSocket ? "/ws" : defaultSubscribePath + "?topic=" + encodedTopic;
    options.subscribeUrl = config.getString("subscribe-url", defaultSubscribeUrl);
    options.publishUrl = config.getString("publish-url", "/publish");
    options.joinUrl = config.getString("join-url", "");

    // An absolute subscribe URL names its own port, which --ports would contradict.
    if (!options.subscribePorts.empty() && !Poco::URI(options.subscribeUrl).getHost().empty())
        throw Poco::InvalidArgumentException("--ports takes a --subscribe-url that is a path, not a URL");
    if (!options.publishPorts.empty() && !Poco::URI(options.publishUrl).getHost().empty())
        throw Poco::InvalidArgumentException("--publish-ports takes a --publish-url that is a path, not a URL");
    if (!options.joinUrl.empty() && (options.joinUrl.front() != '/' || options.mode != SubscribeMode::Sse))
        throw Poco::InvalidArgumentException("--join-url takes a path, for SSE subscribers");
    if (options.durationLimitSeconds <= 0)
        throw Poco::InvalidArgumentException("--duration-limit must be positive");
    if (options.connectStorm && options.mode != SubscribeMode::Sse)
        throw Poco::InvalidArgumentException("--connect-storm takes SSE subscribers only");
    if (options.connectStorm && options.stormWaitSeconds <= 0)
        throw Poco::InvalidArgumentException("--storm-wait must be positive");
    return options;
}

} // namespace feedhub::bench
