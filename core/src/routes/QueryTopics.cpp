//
// QueryTopics.cpp
//

#include "routes/QueryTopics.h"
#include "Poco/NumberFormatter.h"
#include "feedhub/HttpError.h"
#include "feedhub/TopicName.h"
#include <algorithm>

namespace feedhub
{

using Poco::Net::HTTPResponse;

std::vector<std::string> QueryTopics::read(const Poco::URI::QueryParameters& parameters,
                                           const std::vector<std::string>& defaultTopics,
                                           const HubSettings& settings)
{
    std::vector<std::string> topics;
    for (const auto& [name, value] : parameters)
    {
        if (name != "topic")
            continue;
        TopicName::check(value);
        if (std::find(topics.begin(), topics.end(), value) == topics.end())
            topics.push_back(value);
    }
    if (topics.empty())
        topics = defaultTopics;
    if (topics.empty())
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "name at least one topic with ?topic=");
    if (topics.size() > settings.maxTopicsPerConnection)
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST,
                        "too many topics: at most " +
                            Poco::NumberFormatter::format(settings.maxTopicsPerConnection) +
                            " per connection");
    return topics;
}

std::string QueryTopics::parameter(const Poco::URI::QueryParameters& parameters, const std::string& name)
{
    for (const auto& [key, value] : parameters)
    {
        if (key == name)
            return value;
    }
    return std::string();
}

} // namespace feedhub
