//
// SectionKeys.h
//
// Definition of the SectionKeys struct.
//

#ifndef feedhub_SectionKeys_INCLUDED
#define feedhub_SectionKeys_INCLUDED

#include <string>
#include <vector>

namespace feedhub
{

struct SectionKeys
    /// A section of hub.ini the hub reads and every key it may hold. Each
    /// settings reader lists its sections next to the code that reads them;
    /// HubConfiguration refuses a file with any other section or key.
{
    std::string section;
    std::vector<std::string> keys;
};

} // namespace feedhub

#endif // feedhub_SectionKeys_INCLUDED
