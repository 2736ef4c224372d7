//
// FeedFailure.h
//
// Definition of the FeedFailure struct.
//

#ifndef feedhub_FeedFailure_INCLUDED
#define feedhub_FeedFailure_INCLUDED

#include <string>

namespace feedhub
{

struct FeedFailure
    /// A feed that did not pass its check or did not start, and why.
{
    std::string feed;
    bool required = false;
    std::string reason;
};

} // namespace feedhub

#endif // feedhub_FeedFailure_INCLUDED
