//
// FeedWaiter.cpp
//

#include "feeds/FeedWaiter.h"

namespace feedhub
{

FeedWaiter::FeedWaiter(std::shared_ptr<void> plugin, std::unique_ptr<LongPollWaiter> waiter)
    : _plugin(std::move(plugin)), _waiter(std::move(waiter))
{
}

std::vector<std::string> FeedWaiter::topics() const
{
    return _waiter->topics();
}

void FeedWaiter::setRecheck(std::function<void()> recheck)
{
    _waiter->setRecheck(std::move(recheck));
}

bool FeedWaiter::answerPending() const
{
    return _waiter->answerPending();
}

std::optional<std::string> FeedWaiter::check()
{
    return _waiter->check();
}

} // namespace feedhub
