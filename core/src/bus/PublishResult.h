//
// PublishResult.h
//
// Definition of the PublishResult struct.
//

#ifndef feedhub_PublishResult_INCLUDED
#define feedhub_PublishResult_INCLUDED

#include "feedhub/Event.h"
#include <string>
#include <vector>

namespace feedhub
{

struct PublishResult
    /// How a publish that passed its checks ended: stored, with the events
    /// and their ids, or not stored at all (answer 503 with error).
{
    std::vector<EventPtr> events;
        /// In the order of the publications; empty if the publish failed.
    std::string error;
        /// Why nothing was stored (the disk is full, say); empty on success.

    bool stored() const { return error.empty(); }
};

} // namespace feedhub

#endif // feedhub_PublishResult_INCLUDED
