//
// FeedTopics.h
//
// Definition of the FeedTopics class.
//

#ifndef feedhub_FeedTopics_INCLUDED
#define feedhub_FeedTopics_INCLUDED

#include <map>
#include <mutex>
#include <string>

namespace feedhub
{

class FeedTopics
    /// The topics hosted feeds publish to: a feed claims each topic it
    /// declares (FeedContext::claimTopic()) or publishes to through its
    /// context, and gives them back when it stops. /publish takes such a
    /// topic only from a token naming it exactly, so no broad token forges a
    /// feed's events. The Authorizer keeps a second set, of the topics feeds
    /// made private, counted the same way. Any thread.
{
public:
    void claim(const std::string& topic);
    void release(const std::string& topic);
        /// Undoes one claim.
    bool isClaimed(const std::string& topic) const;

private:
    mutable std::mutex _mutex;
    std::map<std::string, int> _claims;
};

} // namespace feedhub

#endif // feedhub_FeedTopics_INCLUDED
