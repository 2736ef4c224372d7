//
// FeedhubApplication.cpp
//

#include "FeedhubApplication.h"
#include "ControlSignals.h"
#include "Poco/File.h"
#include "Poco/Logger.h"
#include "Poco/Net/NetException.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include "Poco/Util/HelpFormatter.h"
#include "Poco/Util/IntValidator.h"
#include "Poco/Util/Option.h"
#include "Poco/Util/OptionCallback.h"
#include "feeds/FeedCheck.h"
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
    // A hub built for /usr/local (a development build) finds that folder made
    // by the first feed installed with the SDK: it still runs its own build's
    // feeds first (scripts/run), then those.
    if (std::string(FEEDHUB_INSTALLED_PLUGIN_DIR) == FEEDHUB_LOCAL_PLUGIN_DIR)
        return {FEEDHUB_BUILD_PLUGIN_DIR, FEEDHUB_INSTALLED_PLUGIN_DIR};
    // The installed hub also loads the plugins feed authors install with the
    // SDK, which keeps them out of the folder the package owns.
    return {FEEDHUB_INSTALLED_PLUGIN_DIR, FEEDHUB_LOCAL_PLUGIN_DIR};
}

// The reasons of failures, one line.
std::string reasons(const std::vector<FeedFailure>& failures)
{
    std::string text;
    for (const FeedFailure& failure : failures)
        text += (text.empty() ? "" : "; ") + failure.reason;
    return text;
}

} // namespace

FeedhubApplication::FeedhubApplication() : _log(std::cout) {}

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
    options.addOption(
        Option("check-config", "", "check the settings file, the feeds' sections included, and exit: 0 if it "
                                   "is good, else 78 with \"file:line: what is wrong\"")
            .required(false)
            .repeatable(false)
            .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handleCheckConfig)));
    options.addOption(
        Option("version", "", "print the version and exit")
            .required(false)
            .repeatable(false)
            .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handleVersion)));
}

void FeedhubApplication::handleHelp(const std::string&, const std::string&)
{
    _helpRequested = true;
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[--config FILE] [--port PORT] | --check-config [--config FILE] | --version");
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

void FeedhubApplication::handleCheckConfig(const std::string&, const std::string&)
{
    _checkRequested = true;
}

void FeedhubApplication::handleVersion(const std::string&, const std::string&)
{
    _versionRequested = true;
    std::cout << "feedhub " << FEEDHUB_VERSION << std::endl;
    stopOptionsProcessing();
}

std::string FeedhubApplication::configPath() const
{
    if (!_configPath.empty())
        return _configPath;
    if (Poco::File(INSTALLED_CONFIG).exists())
        return INSTALLED_CONFIG;
    return FEEDHUB_SOURCE_CONFIG;
}

HubConfiguration FeedhubApplication::checkedConfiguration() const
{
    HubConfiguration configuration = HubConfiguration::read(configPath(), defaultPluginDirs());
    const std::vector<FeedFailure> failures = FeedCheck::check(configuration.feeds());
    if (!failures.empty())
        throw Poco::DataException(reasons(failures));
    return configuration;
}

int FeedhubApplication::checkConfig()
{
    try
    {
        checkedConfiguration();
    }
    catch (const Poco::Exception& exc)
    {
        std::cerr << exc.message() << std::endl;
        return EXIT_CONFIG;
    }
    std::cout << configPath() << ": the configuration is good" << std::endl;
    return EXIT_OK;
}

int FeedhubApplication::main(const std::vector<std::string>&)
{
    if (_helpRequested || _versionRequested)
        return EXIT_OK;
    if (_checkRequested)
        return checkConfig();
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
    _log.open(configuration.log());
    // A feed whose section is wrong is a failed feed here, as one that fails
    // to start: a reload would refuse the file, but there is no running
    // configuration to keep.
    const std::vector<FeedFailure> refused = FeedCheck::check(configuration.feeds());
    if (!startsDespite(refused))
        return EXIT_CONFIG;
    FeedsConfiguration checked = configuration.feeds();
    for (const FeedFailure& failure : refused)
        checked.enabled.erase(std::find_if(checked.enabled.begin(), checked.enabled.end(),
                                           [&failure](const FeedSettings& feed) { return feed.name == failure.feed; }));
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
    if (!startsDespite(feeds.apply(checked)))
        return EXIT_CONFIG;
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
    FeedsConfiguration applied = checked;
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

bool FeedhubApplication::startsDespite(const std::vector<FeedFailure>& failures)
{
    for (const FeedFailure& failure : failures)
    {
        if (failure.required)
        {
            logger().fatal("feedhub cannot start: required feed %s failed: %s", failure.feed, failure.reason);
            return false;
        }
        logger().error("feed %s failed and is not running: %s", failure.feed, failure.reason);
    }
    return true;
}

void FeedhubApplication::reload(Hub& hub, FeedHost& feeds, const HubConfiguration& started,
                                FeedsConfiguration& applied)
{
    HubConfiguration next;
    try
    {
        next = checkedConfiguration();
    }
    catch (const Poco::Exception& exc)
    {
        logger().error("SIGHUP: hub.ini refused, the running configuration stays: %s", exc.message());
        hub.metrics().reloaded(HubMetrics::Reload::REFUSED);
        return;
    }
    // Compared with the settings the hub started with: a change reported
    // once still needs the restart at the next reload.
    for (const std::string& change : next.changesNeedingRestart(started))
        logger().warning("%s; it needs a restart", change);
    _log.setLevels(next.log());

    FeedsConfiguration nowApplied = next.feeds();
    std::string failed;
    for (const FeedFailure& failure : feeds.apply(next.feeds()))
    {
        const FeedSettings* restored = restorePrevious(feeds, applied, failure.feed);
        if (restored)
        {
            for (FeedSettings& feed : nowApplied.enabled)
            {
                if (feed.name == failure.feed)
                    feed = *restored;
            }
        }
        failed += (failed.empty() ? "" : "; ") + ("feed " + failure.feed + " failed to start (" + failure.reason +
                                                  (restored ? ") and runs on with its previous settings"
                                                            : ") and is not running"));
    }
    applied = nowApplied;
    hub.metrics().reloaded(HubMetrics::Reload::APPLIED);
    const std::vector<std::string> running = feeds.running();
    const std::string runningList = Poco::cat(std::string(", "), running.begin(), running.end());
    if (failed.empty())
        logger().information("SIGHUP: hub.ini reloaded; feeds running: %s", runningList);
    else
        logger().error("SIGHUP: hub.ini applied but %s; feeds running: %s", failed, runningList);
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
        return &*before;
    }
    catch (const Poco::Exception&)
    {
        // The feed stays off until the next reload; the outcome line says so.
        return nullptr;
    }
}

} // namespace feedhub
