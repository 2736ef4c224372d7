//
// Feed.cpp
//

#include "feedhub/Feed.h"
#include "feedhub/FeedContext.h"
#include "feedhub/PublishIntake.h"

namespace feedhub
{

// Defined here, not inline, so the interfaces' type information lives once
// in the hub's library and plugins built with hidden visibility share it.
Feed::~Feed() = default;

void Feed::stop() {}

FeedContext::~FeedContext() = default;

PublishIntake::~PublishIntake() = default;

} // namespace feedhub
