//
// FeedWaiter.h
//
// Definition of the FeedWaiter class.
//

#ifndef feedhub_FeedWaiter_INCLUDED
#define feedhub_FeedWaiter_INCLUDED

#include "feedhub/LongPollWaiter.h"
#include <memory>

namespace feedhub
{

class FeedWaiter : public LongPollWaiter
    /// A feed's long-poll waiter, keeping the feed's plugin loaded while the
    /// request is parked, even if the feed is stopped meanwhile.
{
public:
    FeedWaiter(std::shared_ptr<void> plugin, std::unique_ptr<LongPollWaiter> waiter);

    std::vector<std::string> topics() const override;
    std::optional<std::string> check() override;
    void setRecheck(std::function<void()> recheck) override;
    bool answerPending() const override;

private:
    std::shared_ptr<void> _plugin;
    std::unique_ptr<LongPollWaiter> _waiter;
        /// Declared after _plugin, so destroyed before it.
};

} // namespace feedhub

#endif // feedhub_FeedWaiter_INCLUDED
