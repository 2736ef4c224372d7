//
// PublishIntake.h
//
// Definition of the PublishIntake interface.
//

#ifndef feedhub_PublishIntake_INCLUDED
#define feedhub_PublishIntake_INCLUDED

#include "feedhub/Export.h"
#include "feedhub/HttpRequest.h"
#include "feedhub/Publication.h"
#include <string>

namespace feedhub
{

class FEEDHUB_API PublishIntake
    /// Takes what clients publish to a feed's topics (FeedContext::
    /// takePublishes()): POST /publish and a WebSocket client's
    /// {"op":"publish"} hand such a publication here instead of to the bus,
    /// so it follows the feed's rules (who may post, how often, in what
    /// shape) rather than the hub's publish authorization. Called on a
    /// worker thread; may block.
{
public:
    virtual ~PublishIntake();

    virtual std::string take(const HttpRequest& request, const Publication& publication) = 0;
        /// Publishes what publication stands for, through the feed's
        /// publisher, and answers the id of the event made, which the client
        /// is told. Throws HttpError to refuse it: its status and message go
        /// back to the client, as for the feed's own routes. request is the
        /// publish request, or a WebSocket's upgrade request (its token,
        /// cookies and client address). publication.data is text: a JSON
        /// "data" arrives as compact JSON. Nothing but the intake checks who
        /// may publish to these topics.
};

} // namespace feedhub

#endif // feedhub_PublishIntake_INCLUDED
