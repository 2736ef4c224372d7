//
// IsoTime.cpp
//

#include "feedhub/IsoTime.h"
#include "Poco/DateTimeFormatter.h"

namespace feedhub
{

std::string IsoTime::format(const Poco::Timestamp& time)
{
    return Poco::DateTimeFormatter::format(time, "%Y-%m-%dT%H:%M:%S.%iZ");
}

} // namespace feedhub
