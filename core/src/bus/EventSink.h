//
// EventSink.h
//
// Definition of the EventSink interface.
//

#ifndef feedhub_EventSink_INCLUDED
#define feedhub_EventSink_INCLUDED

#include "feedhub/Event.h"

namespace feedhub
{

class EventSink
    /// The subscribing side of the bus: receives every published event.
{
public:
    virtual ~EventSink() = default;

    virtual void deliver(const EventPtr& event) = 0;
        /// Called in sequence order, once the event is stored, from the
        /// publishing thread or the journal's; must not block.
};

} // namespace feedhub

#endif // feedhub_EventSink_INCLUDED
