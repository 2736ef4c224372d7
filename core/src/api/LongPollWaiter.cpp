//
// LongPollWaiter.cpp
//

#include "feedhub/LongPollWaiter.h"

namespace feedhub
{

// Out of line, so the interface's type information lives once, in libfeedhub.
LongPollWaiter::~LongPollWaiter() = default;

void LongPollWaiter::setRecheck(std::function<void()>) {}

bool LongPollWaiter::answerPending() const
{
    return false;
}

} // namespace feedhub
