//
// FeedState.cpp
//

#include "feedhub/FeedState.h"

namespace feedhub
{

FeedState::~FeedState() = default;

bool FeedState::put(const std::string& table, const std::string& key, const std::string& value,
                    Poco::Int64 expected)
{
    return commit({Write{table, key, expected, value}});
}

bool FeedState::remove(const std::string& table, const std::string& key, Poco::Int64 expected)
{
    return commit({Write{table, key, expected, std::nullopt}});
}

} // namespace feedhub
