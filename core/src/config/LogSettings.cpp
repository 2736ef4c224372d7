//
// LogSettings.cpp
//

#include "config/LogSettings.h"
#include "config/SettingValues.h"
#include "Poco/Exception.h"
#include "Poco/Logger.h"

namespace feedhub
{

const std::vector<SectionKeys> LogSettings::SECTIONS = {{"log", {"level", "format", "access"}}};

LogSettings LogSettings::fromConfiguration(const Poco::Util::AbstractConfiguration& config)
{
    LogSettings s;
    if (config.hasProperty("log.level"))
    {
        const std::string level = config.getString("log.level");
        try
        {
            s.level = Poco::Logger::parseLevel(level);
        }
        catch (const Poco::InvalidArgumentException&)
        {
            throw Poco::InvalidArgumentException("log.level '" + level +
                                                 "' is not one of fatal, critical, error, warning, notice, "
                                                 "information, debug, trace");
        }
    }
    s.format = SettingValues::readChoice(config, "log.format", s.format,
                                         {{"text", Format::TEXT}, {"json", Format::JSON}});
    s.access = SettingValues::readBool(config, "log.access", s.access);
    return s;
}

} // namespace feedhub
