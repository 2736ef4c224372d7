//
// FeedhubApplication.cpp
//

#include "FeedhubApplication.h"
#include "Poco/AutoPtr.h"
#include "Poco/ConsoleChannel.h"
#include "Poco/File.h"
#include "Poco/FormattingChannel.h"
#include "Poco/Logger.h"
#include "Poco/NumberParser.h"
#include "Poco/PatternFormatter.h"
#include "Poco/Util/HelpFormatter.h"
#include "Poco/Util/IntValidator.h"
#include "Poco/Util/Option.h"
#include "Poco/Util/OptionCallback.h"
#include "feedhub/FeedHost.h"
#include "feedhub/Hub.h"
#include <iostream>

namespace feedhub
{

using Poco::Util::Option;
using Poco::Util::OptionCallback;

namespace
{

const char* const INSTALLED_CONFIG = "/etc/feedhub/hub.ini";

std::string defaultPluginDir()
{
    return Poco::File(FEEDHUB_INSTALLED_PLUGIN_DIR).exists() ? FEEDHUB_INSTALLED_PLUGIN_DIR
                                                            : FEEDHUB_BUILD_PLUGIN_DIR;
}

} // namespace

void FeedhubApplication::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "print this help and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handleHelp)));
    options.addOption(Option("config", "c", "read settings from FILE (default " + std::string(INSTALLED_CONFIG) +
                                                ", or the source tree's etc/hub.ini when not installed)")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(OptionCallback<FeedhubApplication>(this, &FeedhubApplication::handleConfig)));
    options.addOption(Option("port", "p", "listen on PORT instead of [server] port; 0 picks a free one")
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
    Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S.%i %p %s: %t"));
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
    HubSettings settings;
    FeedsConfiguration feedsConfiguration;
    try
    {
        settings = HubSettings::fromConfiguration(config());
        feedsConfiguration = FeedsConfiguration::read(config(), configPath(), defaultPluginDir());
    }
    catch (const Poco::Exception& exc)
    {
        logger().fatal("invalid configuration in %s: %s", configPath(), exc.message());
        return EXIT_CONFIG;
    }
    if (_port >= 0)
        settings.port = _port;

    Hub hub(settings);
    FeedHost feeds(hub);
    for (const FeedHost::Failure& failure : feeds.apply(feedsConfiguration))
    {
        if (failure.required)
        {
            logger().fatal("feedhub cannot start: required feed %s failed: %s", failure.feed, failure.reason);
            return EXIT_CONFIG;
        }
    }
    hub.start();
    logger().information("feedhub listening on port %hu (config %s)", hub.port(), configPath());
    waitForTerminationRequest();
    logger().information("shutting down");
    feeds.stopAll();
    hub.stop();
    return EXIT_OK;
}

} // namespace feedhub
