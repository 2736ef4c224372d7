//
// HostedFeed.cpp
//

#include "feeds/HostedFeed.h"
#include "Poco/Exception.h"

namespace feedhub
{

namespace
{

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

} // namespace feedhub
