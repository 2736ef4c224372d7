//
// LogSettings.h
//
// Definition of the LogSettings struct.
//

#ifndef feedhub_LogSettings_INCLUDED
#define feedhub_LogSettings_INCLUDED

#include "Poco/Message.h"
#include "Poco/Util/AbstractConfiguration.h"
#include "config/SectionKeys.h"
#include <vector>

namespace feedhub
{

struct LogSettings
    /// The [log] section of hub.ini. etc/hub.ini documents each setting.
{
    enum class Format
    {
        TEXT,
        JSON
    };

    int level = Poco::Message::PRIO_INFORMATION;
        /// The least priority logged; a reload applies it.
    Format format = Format::TEXT;
        /// text: one readable line per message; json: one JSON object per
        /// line. Taken at start.
    bool access = false;
        /// One line per answered request on the logger "feedhub.access"; a
        /// reload applies it.

    static const std::vector<SectionKeys> SECTIONS;
        /// [log] and its keys.

    static LogSettings fromConfiguration(const Poco::Util::AbstractConfiguration& config);
        /// Reads [log]; a missing key keeps its default. Throws
        /// Poco::InvalidArgumentException naming the key if a value is wrong.
};

} // namespace feedhub

#endif // feedhub_LogSettings_INCLUDED
