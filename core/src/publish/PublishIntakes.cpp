//
// PublishIntakes.cpp
//

#include "publish/PublishIntakes.h"
#include "Poco/Exception.h"
#include "bus/Bus.h"
#include "feedhub/HttpError.h"
#include <iterator>
#include <mutex>

namespace feedhub
{

namespace
{

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

void PublishIntakes::add(const std::string& prefix, const std::string& feed,
                         std::shared_ptr<PublishIntake> intake, std::shared_ptr<void> plugin)
{
    if (prefix.empty())
        throw Poco::InvalidArgumentException("an intake's topic prefix must not be empty");
    if (!intake)
        throw Poco::InvalidArgumentException("no intake given for topic prefix " + prefix);
    std::unique_lock<std::shared_mutex> lock(_mutex);
    for (const auto& [taken, entry] : _intakes)
        if (startsWith(taken, prefix) || startsWith(prefix, taken))
            throw Poco::ExistsException("topic prefix " + prefix + " overlaps " + taken + ", taken by feed " +
                                        entry.feed);
    Take take = [intake = std::move(intake)](const HttpRequest& request, const Publication& publication) {
        return intake->take(request, publication);
    };
    _intakes.emplace(prefix, Entry{feed, Intake(std::move(plugin), std::move(take))});
}

void PublishIntakes::remove(const std::string& prefix)
{
    std::unique_lock<std::shared_mutex> lock(_mutex);
    _intakes.erase(prefix);
}

const PublishIntakes::Entry* PublishIntakes::find(const std::string& topic) const
{
    // Prefixes do not overlap, so the only one that can start topic is the
    // greatest not above it.
    auto next = _intakes.upper_bound(topic);
    if (next == _intakes.begin())
        return nullptr;
    const auto& [prefix, entry] = *std::prev(next);
    return startsWith(topic, prefix) ? &entry : nullptr;
}

std::optional<PublishIntakes::Intake>
PublishIntakes::intakeFor(const std::vector<Publication>& publications) const
{
    std::shared_lock<std::shared_mutex> lock(_mutex);
    if (_intakes.empty())
        return std::nullopt;
    for (std::size_t index = 0; index < publications.size(); ++index)
    {
        const std::string& topic = publications[index].topic;
        const Entry* entry = find(topic);
        if (!entry)
            continue;
        if (publications.size() > 1)
            throw HttpError(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                            Bus::batchItem(index) + ": topic '" + topic + "' goes to the feed " +
                                entry->feed +
                                ", which takes one publication at a time: publish it alone, not in a batch");
        return entry->intake;
    }
    return std::nullopt;
}

} // namespace feedhub
