//
// FeedSettings.cpp
//

#include "feeds/FeedSettings.h"
#include "Poco/Util/MapConfiguration.h"

namespace feedhub
{

Poco::AutoPtr<Poco::Util::AbstractConfiguration> FeedSettings::configuration() const
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> copy(new Poco::Util::MapConfiguration);
    for (const auto& [key, value] : section)
        copy->setString(key, value);
    return copy;
}

bool FeedSettings::operator==(const FeedSettings& other) const
{
    return name == other.name && library == other.library && required == other.required &&
           section == other.section;
}

} // namespace feedhub
