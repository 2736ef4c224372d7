//
// PublishHandler.h
//
// Definition of the PublishHandler class.
//

#ifndef feedhub_PublishHandler_INCLUDED
#define feedhub_PublishHandler_INCLUDED

#include "hub/Hub.h"
#include "feedhub/RouteHandler.h"

namespace feedhub
{

class PublishHandler : public RouteHandler
    /// POST /publish on the loop (see PublishRequest for what it takes),
    /// when the Authorizer allows it. Answers 201 with the assigned ids.
{
public:
    static const std::string PATH;

    explicit PublishHandler(Hub& hub);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    Hub& _hub;
};

} // namespace feedhub

#endif // feedhub_PublishHandler_INCLUDED
