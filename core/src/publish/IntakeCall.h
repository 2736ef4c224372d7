//
// IntakeCall.h
//
// Definition of the IntakeCall class.
//

#ifndef feedhub_IntakeCall_INCLUDED
#define feedhub_IntakeCall_INCLUDED

#include "auth/Authorizer.h"
#include "http/RouteCall.h"
#include "http/WorkerPool.h"
#include "publish/PublishIntakes.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace feedhub
{

class IntakeCall
    /// Hands a client's publication to the feed's intake that takes it, on
    /// the worker pool (an intake may block on the feed's state, which a loop
    /// must never wait for), for POST /publish and WebSocket publishes alike.
    /// As on a feed's routes, each 401 or 403 the intake answers counts
    /// against the client's address.
{
public:
    struct Outcome
    {
        std::string id;
            /// The event the intake made, when it took the publication.
        std::optional<RouteCall::Failure> failure;
            /// Why it refused it, otherwise.
    };

    using Done = std::function<void(const Outcome&)>;

    static bool submit(WorkerPool& workers, Authorizer& authorizer, PublishIntakes::Intake intake,
                       std::shared_ptr<const HttpRequest> request, Publication publication, Done done);
        /// Queues the call; done gets its outcome on the worker thread. false
        /// if every worker is busy (the queue is full): the caller answers 503.
        /// Throws AuthRefusal 429, before anything is queued, for an address
        /// refused too often.

    static const std::string BUSY;
        /// The error of a call the full worker pool refused.
};

} // namespace feedhub

#endif // feedhub_IntakeCall_INCLUDED
