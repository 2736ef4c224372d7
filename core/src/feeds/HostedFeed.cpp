//
// HostedFeed.cpp
//

#include "feeds/HostedFeed.h"
#include "config/IniFileLines.h"
#include "Poco/Exception.h"
#include <algorithm>

namespace feedhub
{

namespace
{

// Keys every [feed.<name>] section may hold, read by the host itself.
const std::vector<std::string> HOST_KEYS = {"library", "required"};

std::string describe(const std::exception& exc)
{
    const auto* poco = dynamic_cast<const Poco::Exception*>(&exc);
    return poco ? poco->displayText() : std::string(exc.what());
}

} // namespace

std::shared_ptr<HostedFeed> HostedFeed::start(Hub& hub, const FeedSettings& settings)
{
    auto hosted = std::make_shared<HostedFeed>(hub, settings);
    hosted->_context.setPlugin(hosted);
    const char* step = "configure";
    std::string reason;
    try
    {
        hosted->warnAboutUnknownKeys();
        hosted->feed().configure(*settings.configuration());
        step = "start";
        hosted->feed().start(hosted->_context);
        return hosted;
    }
    catch (const std::exception& exc)
    {
        reason = describe(exc);
    }
    catch (...)
    {
        reason = "unknown exception";
    }
    hosted->_context.release();
    throw Poco::RuntimeException(std::string(step) + " failed: " + reason);
}

HostedFeed::HostedFeed(Hub& hub, const FeedSettings& settings)
    : _settings(settings), _context(hub, settings.name), _library(settings.library)
{
}

HostedFeed::~HostedFeed()
{
    // Plugin code held by the context (route factories, greeters, timer
    // tasks) must go while the plugin is still loaded.
    _context.release();
}

void HostedFeed::stop()
{
    _context.release();
    try
    {
        feed().stop();
    }
    catch (const std::exception& exc)
    {
        _context.logger().error("stop failed: %s", describe(exc));
    }
}

void HostedFeed::warnAboutUnknownKeys()
{
    std::vector<std::string> known = feed().keys();
    known.insert(known.end(), HOST_KEYS.begin(), HOST_KEYS.end());
    for (const auto& entry : _settings.section)
    {
        if (std::find(known.begin(), known.end(), entry.first) == known.end())
            _context.logger().warning(
                "%s: unknown key '%s' in [feed.%s] is ignored",
                IniFileLines::locate(_settings.sourcePath, "feed." + _settings.name, entry.first),
                entry.first, _settings.name);
    }
}

} // namespace feedhub
