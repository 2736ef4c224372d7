//
// SettingValues.h
//
// Definition of the SettingValues class.
//

#ifndef feedhub_SettingValues_INCLUDED
#define feedhub_SettingValues_INCLUDED

#include "Poco/Exception.h"
#include "Poco/String.h"
#include "Poco/Timespan.h"
#include "Poco/Util/AbstractConfiguration.h"
#include <string>
#include <utility>
#include <vector>

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

    static bool readBool(const Poco::Util::AbstractConfiguration& config, const std::string& key, bool fallback);
        /// true or false (and what Poco takes for them: yes, no, on, off, 1, 0).

    template <typename Choice>
    static Choice readChoice(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                             Choice fallback, const std::vector<std::pair<std::string, Choice>>& choices)
        /// One of the names of choices, without regard to case.
    {
        if (!config.hasProperty(key))
            return fallback;
        const std::string value = Poco::toLower(Poco::trim(config.getString(key)));
        std::string names;
        for (const auto& [name, choice] : choices)
        {
            if (value == name)
                return choice;
            names += (names.empty() ? "" : " or ") + name;
        }
        throw Poco::InvalidArgumentException(key + " must be " + names);
    }
};

} // namespace feedhub

#endif // feedhub_SettingValues_INCLUDED
