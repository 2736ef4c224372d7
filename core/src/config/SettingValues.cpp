//
// SettingValues.cpp
//

#include "config/SettingValues.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"

namespace feedhub
{

int SettingValues::readInt(const Poco::Util::AbstractConfiguration& config, const std::string& key, int fallback,
                           int lowest, int highest)
{
    const std::string rule = key + " must be a whole number between " + Poco::NumberFormatter::format(lowest) +
                             " and " + Poco::NumberFormatter::format(highest);
    int value = fallback;
    try
    {
        value = config.getInt(key, fallback);
    }
    catch (const Poco::SyntaxException&)
    {
        throw Poco::InvalidArgumentException(rule);
    }
    if (value < lowest || value > highest)
        throw Poco::InvalidArgumentException(rule);
    return value;
}

Poco::Timespan SettingValues::readSeconds(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                                          const Poco::Timespan& fallback, int lowest, int highest)
{
    return Poco::Timespan(readInt(config, key, static_cast<int>(fallback.totalSeconds()), lowest, highest), 0);
}

bool SettingValues::readBool(const Poco::Util::AbstractConfiguration& config, const std::string& key, bool fallback)
{
    try
    {
        return config.getBool(key, fallback);
    }
    catch (const Poco::SyntaxException&)
    {
        throw Poco::InvalidArgumentException(key + " must be true or false");
    }
}

} // namespace feedhub
