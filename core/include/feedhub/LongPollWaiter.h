//
// LongPollWaiter.h
//
// Definition of the LongPollWaiter interface.
//

#ifndef feedhub_LongPollWaiter_INCLUDED
#define feedhub_LongPollWaiter_INCLUDED

#include "feedhub/Export.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace feedhub
{

class FEEDHUB_API LongPollWaiter
    /// Decides, for one parked long-poll request, when and what to answer.
    /// Called on an event loop thread; must not block.
    ///
    /// A route builds a waiter from its request (a cursor, a version, the
    /// topics to watch) and parks it with Reply::park(); the loop asks the
    /// waiter after each event on its topics whether the answer is ready.
{
public:
    virtual ~LongPollWaiter();

    virtual std::vector<std::string> topics() const = 0;
        /// Topics whose events may change the answer.

    virtual std::optional<std::string> check() = 0;
        /// A JSON body to answer 200 with now, or nothing to keep waiting.
        /// Called once when parked and again after each event on topics().

    virtual void setRecheck(std::function<void()> recheck);
        /// Called before the first check() with a way to be checked again
        /// when the answer gets ready without an event on topics() (history
        /// another thread has read). recheck may be called from any thread,
        /// even after the request is gone. Ignored by default.

    virtual bool answerPending() const;
        /// True while an answer is on its way from another thread (history
        /// being read): the timeout then waits for it, so that a short poll
        /// is never told "nothing new" while there is. False by default.
};

} // namespace feedhub

#endif // feedhub_LongPollWaiter_INCLUDED
