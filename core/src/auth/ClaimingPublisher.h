//
// ClaimingPublisher.h
//
// Definition of the ClaimingPublisher class.
//

#ifndef feedhub_ClaimingPublisher_INCLUDED
#define feedhub_ClaimingPublisher_INCLUDED

#include "auth/FeedTopics.h"
#include "feedhub/Publisher.h"
#include <mutex>
#include <set>
#include <string>

namespace feedhub
{

class ClaimingPublisher : public Publisher
    /// A feed's publisher: claims (FeedTopics) every topic the feed declares
    /// or publishes to, before its first event there, and gives them all back
    /// when the feed stops. Any thread.
{
public:
    ClaimingPublisher(Publisher& bus, FeedTopics& feedTopics);
    ~ClaimingPublisher() override;
        /// Releases what releaseAll() has not.

    std::vector<EventPtr> publish(const std::vector<Publication>& publications) override;
    std::size_t subscriberCount(const std::string& topic) const override;

    void claim(const std::string& topic);
    void releaseAll();

private:
    Publisher& _bus;
    FeedTopics& _feedTopics;
    std::mutex _mutex;
    std::set<std::string> _claimed;
};

} // namespace feedhub

#endif // feedhub_ClaimingPublisher_INCLUDED
