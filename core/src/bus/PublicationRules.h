//
// PublicationRules.h
//
// Definition of the PublicationRules class.
//

#ifndef feedhub_PublicationRules_INCLUDED
#define feedhub_PublicationRules_INCLUDED

#include "feedhub/Publication.h"
#include <vector>

namespace feedhub
{

class PublicationRules
    /// What every bus checks of a publication before it takes it.
{
public:
    static void check(const Publication& publication);
        /// Throws Poco::InvalidArgumentException unless the topic is a valid
        /// name, the type is not empty and fits an SSE field, and the data
        /// is valid UTF-8.

    static void checkAll(const std::vector<Publication>& publications);
        /// check() for each; an error about one of several names it
        /// (Bus::batchItem).
};

} // namespace feedhub

#endif // feedhub_PublicationRules_INCLUDED
