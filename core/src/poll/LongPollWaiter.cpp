//
// LongPollWaiter.cpp
//

#include "feedhub/LongPollWaiter.h"

namespace feedhub
{

void LongPollWaiter::setRecheck(std::function<void()>) {}

} // namespace feedhub
