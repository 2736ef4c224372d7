//
// Reply.h
//
// Definition of the Reply interface.
//

#ifndef feedhub_Reply_INCLUDED
#define feedhub_Reply_INCLUDED

#include "Poco/Timespan.h"
#include "feedhub/Export.h"
#include "feedhub/HttpResponse.h"
#include "feedhub/LongPollWaiter.h"
#include <memory>

namespace feedhub
{

class FEEDHUB_API Reply
    /// How a route answers one request: now, or later from any thread.
    ///
    /// A route may answer before handle() returns, or keep the ReplyPtr and
    /// answer from another thread when its result is ready. Only the first
    /// answer counts. A reply dropped without an answer is answered 500, so
    /// a client never waits on a request nobody will answer.
{
public:
    virtual ~Reply();

    virtual void send(HttpResponse response) = 0;
        /// Sends the answer. Any thread.

    virtual void park(std::unique_ptr<LongPollWaiter> waiter, Poco::Timespan timeout) = 0;
        /// Waits on an event loop, holding no thread: answers 200 with the
        /// waiter's JSON body once it has one, or 204 when timeout passes
        /// (capped at [poll] max_timeout_seconds). 503 when the hub holds
        /// its maximum of subscribers. Any thread.
};

using ReplyPtr = std::shared_ptr<Reply>;

} // namespace feedhub

#endif // feedhub_Reply_INCLUDED
