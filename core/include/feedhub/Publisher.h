//
// Publisher.h
//
// Definition of the Publisher interface.
//

#ifndef feedhub_Publisher_INCLUDED
#define feedhub_Publisher_INCLUDED

#include "feedhub/Event.h"
#include "feedhub/Export.h"
#include "feedhub/Publication.h"
#include <vector>

namespace feedhub
{

class FEEDHUB_API Publisher
    /// The publishing side of the hub, as the publish route and feeds see it.
{
public:
    virtual ~Publisher();

    virtual std::vector<EventPtr> publish(const std::vector<Publication>& publications) = 0;
        /// Checks every publication first and throws Poco::InvalidArgumentException
        /// (naming what is wrong) before anything is published, so a batch is
        /// published whole or not at all. Returns the events with their ids,
        /// in order, once they are stored; throws HttpError 503 if they could
        /// not be (nothing is published then). May wait on the disk: not for
        /// event loop threads.

    EventPtr publish(const std::string& topic, const std::string& type, const std::string& data);
        /// Publishes one event.

    virtual std::size_t subscriberCount(const std::string& topic) const = 0;
        /// How many connections are subscribed to the topic right now.
};

} // namespace feedhub

#endif // feedhub_Publisher_INCLUDED
