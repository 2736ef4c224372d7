//
// PublishHandler.h
//
// Definition of the PublishHandler class.
//

#ifndef feedhub_PublishHandler_INCLUDED
#define feedhub_PublishHandler_INCLUDED

#include "feedhub/RouteHandler.h"
#include "hub/Hub.h"
#include "publish/PublishIntakes.h"

namespace feedhub
{

class PublishHandler : public RouteHandler
    /// POST /publish on the loop (see PublishRequest for what it takes),
    /// when the Authorizer allows it. Answers 201 with the assigned ids.
    /// A publication to a topic a feed takes (PublishIntakes) goes to the
    /// feed's intake on a worker instead, under the feed's rules, not the
    /// Authorizer's; it must come alone.
{
public:
    static const std::string PATH;

    explicit PublishHandler(Hub& hub);
    void handle(const HttpRequest& request, const ReplyPtr& reply) override;

private:
    void give(PublishIntakes::Intake intake, Publication publication,
              std::shared_ptr<const HttpRequest> request, const ReplyPtr& reply);

    Hub& _hub;
};

} // namespace feedhub

#endif // feedhub_PublishHandler_INCLUDED
