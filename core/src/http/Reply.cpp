//
// Reply.cpp
//

#include "feedhub/Reply.h"

namespace feedhub
{

Reply::~Reply() = default;

} // namespace feedhub
