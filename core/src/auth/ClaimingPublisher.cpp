//
// ClaimingPublisher.cpp
//

#include "auth/ClaimingPublisher.h"

namespace feedhub
{

ClaimingPublisher::ClaimingPublisher(Publisher& bus, FeedTopics& feedTopics)
    : _bus(bus), _feedTopics(feedTopics)
{
}

ClaimingPublisher::~ClaimingPublisher()
{
    releaseAll();
}

std::vector<EventPtr> ClaimingPublisher::publish(const std::vector<Publication>& publications)
{
    for (const Publication& publication : publications)
        claim(publication.topic);
    return _bus.publish(publications);
}

std::size_t ClaimingPublisher::subscriberCount(const std::string& topic) const
{
    return _bus.subscriberCount(topic);
}

void ClaimingPublisher::claim(const std::string& topic)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_claimed.insert(topic).second)
        _feedTopics.claim(topic);
}

void ClaimingPublisher::releaseAll()
{
    std::lock_guard<std::mutex> lock(_mutex);
    for (const std::string& topic : _claimed)
        _feedTopics.release(topic);
    _claimed.clear();
}

} // namespace feedhub
