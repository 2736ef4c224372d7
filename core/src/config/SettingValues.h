//
// SettingValues.h
//
// Definition of the SettingValues class.
//

#ifndef feedhub_SettingValues_INCLUDED
#define feedhub_SettingValues_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>

namespace feedhub
{

class SettingValues
    /// Reads checked values from hub.ini, the one way every settings reader
    /// does: a missing key keeps its default, a bad or out-of-range one
    /// throws Poco::InvalidArgumentException naming the key and the rule.
{
public:
    static int readInt(const Poco::Util::AbstractConfiguration& config, const std::string& key, int fallback,
                       int lowest, int highest);

    static Poco::Timespan readSeconds(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                                      const Poco::Timespan& fallback, int lowest, int highest);
};

} // namespace feedhub

#endif // feedhub_SettingValues_INCLUDED
