//
// LongPollHandler.h
//
// Definition of the LongPollHandler class.
//

#ifndef feedhub_LongPollHandler_INCLUDED
#define feedhub_LongPollHandler_INCLUDED

#include "hub/Hub.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class LongPollHandler : public RouteHandler
    /// GET /poll?topic=a&topic=b&since=<cursor>&timeout=<seconds>: checks the
    /// request and parks it on an event loop (Hub::park) with a
    /// TopicPollWaiter, freeing this worker thread.
{
public:
    explicit LongPollHandler(Hub& hub);

    static const std::string PATH;
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    Hub& _hub;
};

} // namespace feedhub

#endif // feedhub_LongPollHandler_INCLUDED
