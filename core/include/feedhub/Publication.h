//
// Publication.h
//
// Definition of the Publication struct.
//

#ifndef feedhub_Publication_INCLUDED
#define feedhub_Publication_INCLUDED

#include <string>

namespace feedhub
{

struct Publication
    /// What a publisher hands the bus; the bus assigns the id and the time.
{
    std::string topic;
    std::string type = "message";
    std::string data;
};

} // namespace feedhub

#endif // feedhub_Publication_INCLUDED
