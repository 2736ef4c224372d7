//
// FeedhubApplication.cpp
//

#include "FeedhubApplication.h"
#include "ControlSignals.h"
#include "Poco/AutoPtr.h"
#include "Poco/ConsoleChannel.h"
#include "Poco/File.h"
#include "Poco/FormattingChannel.h"
#include "Poco/Logger.h"
#include "Poco/Net/NetException.h"
#include "Poco/NumberParser.h"
#include "Poco/PatternFormatter.h"
#include "Poco/String.h"
#include "Poco/Util/HelpFormatter.h"
#include "Poco/Util/IntValidator.h"
#include "Poco/Util/Option.h"
#include "Poco/Util/OptionCallback.h"
#include "feeds/FeedHost.h"
#include "hub/Hub.h"
#include "hub/OpenFiles.h"
#include <csignal>
#include <memory>
#include <algorithm>
#include <iostream>
#include <vector>

namespace feedhub
{

using Poco::Util::Option;
using Poco::Util::OptionCallback;

namespace
{

const char* const INSTALLED_CONFIG = "/etc/feedhub/hub.ini";

std::vector<std::string> defaultPluginDirs()
{
    if (!Poco::File(FEEDHUB_INSTALLED_PLUGIN_DIR).exists())
        return {FEEDHUB_BUILD_PLUGIN_DIR};
    // The installed hub also loads the plugins feed authors install with the
    // SDK, which keeps them out of the folder the package owns.
    if (std::string(FEEDHUB_INSTALLED_PLUGIN_DIR) == FEEDHUB_LOCAL_PLUGIN_DIR)
        return {FEEDHUB_INSTALLED_PLUGIN_DIR};
    return {FEEDHUB_INSTALLED_PLUGIN_DIR, FEEDHUB_LOCAL_PLUGIN_DIR};
}

} // namespace

void FeedhubApplication::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(
        Option("help", "h", "print this help and exit")
            .required(false)
            .repeatable(false)
            .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handleHelp)));
    options.addOption(
        Option("config", "c",
               "read settings from FILE (default " + std::string(INSTALLED_CONFIG) +
                   ", or the source tree's etc/hub.ini when not installed)")
            .required(false)
            .repeatable(false)
            .argument("FILE")
            .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handleConfig)));
    options.addOption(
        Option("port", "p", "listen on PORT instead of [server] port; 0 picks a free one")
            .required(false)
            .repeatable(false)
            .argument("PORT")
            .validator(new Poco::Util::IntValidator(0, 65535))
            .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handlePort)));
}

void FeedhubApplication::handleHelp(const std::string&, const std::string&)
{
    _helpRequested = true;
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[--config FILE] [--port PORT]");
    help.setHeader("feedhub: a realtime hub that pushes events to browsers and scripts over "
                   "Server-Sent Events and HTTP long polling.");
    help.format(std::cout);
    stopOptionsProcessing();
}

void FeedhubApplication::handleConfig(const std::string&, const std::string& value)
{
    _configPath = value;
}

void FeedhubApplication::handlePort(const std::string&, const std::string& value)
{
    _port = Poco::NumberParser::parse(value);
}

void FeedhubApplication::initialize(Poco::Util::Application& self)
{
    if (!_helpRequested)
        loadConfiguration(configPath());
    ServerApplication::initialize(self);
    setUpLogging();
}

std::string FeedhubApplication::configPath() const
{
    if (!_configPath.empty())
        return _configPath;
    if (Poco::File(INSTALLED_CONFIG).exists())
        return INSTALLED_CONFIG;
    return FEEDHUB_SOURCE_CONFIG;
}

void FeedhubApplication::setUpLogging()
{
    Poco::AutoPtr<Poco::PatternFormatter> formatter(
        new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i %p %s: %t"));
    Poco::AutoPtr<Poco::Channel> console(new Poco::ConsoleChannel(std::cout));
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, console));
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(config().getString("log.level", "information"));
    logger().setChannel(channel);
    logger().setLevel(Poco::Logger::root().getLevel());
}

int FeedhubApplication::main(const std::vector<std::string>&)
{
    if (_helpRequested)
        return EXIT_OK;
    // Before the hub starts any thread, so that every thread inherits the mask.
    ControlSignals::block();
    HubConfiguration configuration;
    try
    {
        configuration = HubConfiguration::read(configPath(), defaultPluginDirs());
    }
    catch (const Poco::Exception& exc)
    {
        logger().fatal("invalid configuration: %s", exc.message());
        return EXIT_CONFIG;
    }
    HubSettings settings = configuration.hub();
    if (_port >= 0)
        settings.port = _port;

    const std::size_t openFiles = OpenFiles::raiseLimit();
    logger().information("open-files limit: %z", openFiles);
    // A file size limit (RLIMIT_FSIZE) is a full disk to the journal: a
    // failed write it reports, not a signal that ends the process.
    std::signal(SIGXFSZ, SIG_IGN);
    std::unique_ptr<Hub> built;
    try
    {
        built = std::make_unique<Hub>(settings, configuration.auth());
    }
    catch (const Poco::Exception& exc)
    {
        logger().fatal("feedhub cannot start: %s", exc.message());
        return EXIT_CANTCREAT;
    }
    Hub& hub = *built;
    FeedHost feeds(hub);
    for (const FeedHost::Failure& failure : feeds.apply(configuration.feeds()))
    {
        if (failure.required)
        {
            logger().fatal("feedhub cannot start: required feed %s failed: %s", failure.feed, failure.reason);
            return EXIT_CONFIG;
        }
    }
    try
    {
        hub.start();
    }
    catch (const Poco::Net::NetException& exc)
    {
        logger().fatal("feedhub cannot start: cannot listen on %s:%d: %s", settings.address, settings.port,
                       exc.message());
        feeds.stopAll();
        return EXIT_UNAVAILABLE;
    }
    logger().information("feedhub listening on port %hu (config %s)", hub.port(), configPath());
    FeedsConfiguration applied = configuration.feeds();
    int signal = ControlSignals::wait();
    while (ControlSignals::isReload(signal))
    {
        reload(hub, feeds, configuration, applied);
        signal = ControlSignals::wait();
    }
    logger().information("shutting down");
    feeds.stopAll();
    hub.stop();
    return EXIT_OK;
}

void FeedhubApplication::reload(Hub& hub, FeedHost& feeds, const HubConfiguration& started,
                                FeedsConfiguration& applied)
{
    logger().information("SIGHUP: reading %s again", configPath());
    HubConfiguration next;
    try
    {
        next = HubConfiguration::read(configPath(), defaultPluginDirs());
    }
    catch (const Poco::Exception& exc)
    {
        logger().error("hub.ini refused, the running configuration stays: %s", exc.message());
        hub.metrics().reloaded(HubMetrics::Reload::REFUSED);
        return;
    }
    // Compared with the settings the hub started with: a change reported
    // once still needs the restart at the next reload.
    for (const std::string& change : next.changesNeedingRestart(started))
        logger().warning("%s; it needs a restart", change);
    Poco::Logger::setLevel("", next.logLevel());

    FeedsConfiguration nowApplied = next.feeds();
    for (const FeedHost::Failure& failure : feeds.apply(next.feeds()))
    {
        if (const FeedSettings* restored = restorePrevious(feeds, applied, failure.feed))
        {
            for (FeedSettings& feed : nowApplied.enabled)
            {
                if (feed.name == failure.feed)
                    feed = *restored;
            }
        }
    }
    applied = nowApplied;
    hub.metrics().reloaded(HubMetrics::Reload::APPLIED);
    const std::vector<std::string> running = feeds.running();
    logger().information("hub.ini reloaded; feeds running: %s",
                         Poco::cat(std::string(", "), running.begin(), running.end()));
}

const FeedSettings* FeedhubApplication::restorePrevious(FeedHost& feeds, const FeedsConfiguration& previous,
                                                        const std::string& name)
{
    auto before = std::find_if(previous.enabled.begin(), previous.enabled.end(),
                               [&name](const FeedSettings& feed) { return feed.name == name; });
    if (before == previous.enabled.end())
        return nullptr;
    try
    {
        feeds.start(*before);
        logger().warning("feed %s runs on with its previous settings", name);
        return &*before;
    }
    catch (const Poco::Exception&)
    {
        // FeedHost has logged why; the feed stays off until the next reload.
        return nullptr;
    }
}

} // namespace feedhub
