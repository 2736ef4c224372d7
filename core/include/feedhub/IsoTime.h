//
// IsoTime.h
//
// Definition of the IsoTime class.
//

#ifndef feedhub_IsoTime_INCLUDED
#define feedhub_IsoTime_INCLUDED

#include "Poco/Timestamp.h"
#include "feedhub/Export.h"
#include <string>

namespace feedhub
{

class FEEDHUB_API IsoTime
    /// The time format of event data and answers: ISO 8601 in UTC with
    /// milliseconds ("2024-05-01T12:00:00.123Z"), as JavaScript's
    /// Date.toISOString() writes it and new Date() reads it.
{
public:
    static std::string format(const Poco::Timestamp& time);
};

} // namespace feedhub

#endif // feedhub_IsoTime_INCLUDED
