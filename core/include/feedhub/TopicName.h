//
// TopicName.h
//
// Definition of the TopicName class.
//

#ifndef feedhub_TopicName_INCLUDED
#define feedhub_TopicName_INCLUDED

#include "feedhub/Export.h"
#include <string>

namespace feedhub
{

class FEEDHUB_API TopicName
    /// Topic names are 1 to 128 characters from [A-Za-z0-9_.:/-].
{
public:
    static bool isValid(const std::string& name);

    static void check(const std::string& name);
        /// Throws Poco::InvalidArgumentException with a message naming the
        /// topic and the rule it breaks.

    static const std::size_t MAX_LENGTH = 128;
};

} // namespace feedhub

#endif // feedhub_TopicName_INCLUDED
