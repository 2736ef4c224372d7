//
// FeedHost.cpp
//

#include "feeds/FeedHost.h"
#include "feeds/HostedFeed.h"
#include "Poco/Exception.h"
#include <algorithm>

namespace feedhub
{

FeedHost::FeedHost(Hub& hub) : _hub(hub), _logger(Poco::Logger::get("feedhub.feeds")) {}

FeedHost::~FeedHost()
{
    stopAll();
}

std::vector<FeedFailure> FeedHost::apply(const FeedsConfiguration& configuration)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::string> stale;
    for (const auto& hosted : _feeds)
    {
        const FeedSettings& current = hosted->settings();
        auto wanted =
            std::find_if(configuration.enabled.begin(), configuration.enabled.end(),
                         [&current](const FeedSettings& feed) { return feed.name == current.name; });
        if (wanted == configuration.enabled.end() || *wanted != current)
            stale.push_back(current.name);
    }
    for (auto it = stale.rbegin(); it != stale.rend(); ++it)
        stopLocked(*it);

    std::vector<FeedFailure> failures;
    for (const FeedSettings& settings : configuration.enabled)
    {
        const bool runs = std::any_of(_feeds.begin(), _feeds.end(), [&settings](const auto& hosted) {
            return hosted->settings().name == settings.name;
        });
        if (runs)
            continue;
        try
        {
            startLocked(settings);
        }
        catch (const Poco::Exception& exc)
        {
            failures.push_back(FeedFailure{settings.name, settings.required, exc.message()});
        }
    }
    return failures;
}

void FeedHost::start(const FeedSettings& settings)
{
    std::lock_guard<std::mutex> lock(_mutex);
    startLocked(settings);
}

void FeedHost::startLocked(const FeedSettings& settings)
{
    if (std::any_of(_feeds.begin(), _feeds.end(),
                    [&settings](const auto& hosted) { return hosted->settings().name == settings.name; }))
        throw Poco::ExistsException("feed " + settings.name + " is already running");
    std::shared_ptr<HostedFeed> hosted = HostedFeed::start(_hub, settings);
    _logger.information("feed %s started: %s from %s", settings.name, hosted->feed().name(), settings.library);
    _feeds.push_back(std::move(hosted));
}

void FeedHost::stop(const std::string& name)
{
    std::lock_guard<std::mutex> lock(_mutex);
    stopLocked(name);
}

void FeedHost::stopLocked(const std::string& name)
{
    auto it = std::find_if(_feeds.begin(), _feeds.end(),
                           [&name](const auto& hosted) { return hosted->settings().name == name; });
    if (it == _feeds.end())
        return;
    std::shared_ptr<HostedFeed> hosted = std::move(*it);
    _feeds.erase(it);
    hosted->stop();
    _logger.information("feed %s stopped", name);
}

void FeedHost::stopAll()
{
    std::lock_guard<std::mutex> lock(_mutex);
    while (!_feeds.empty())
        stopLocked(_feeds.back()->settings().name);
}

std::vector<std::string> FeedHost::running() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::string> names;
    for (const auto& hosted : _feeds)
        names.push_back(hosted->settings().name);
    return names;
}

} // namespace feedhub
