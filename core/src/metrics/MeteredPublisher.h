//
// MeteredPublisher.h
//
// Definition of the MeteredPublisher class.
//

#ifndef feedhub_MeteredPublisher_INCLUDED
#define feedhub_MeteredPublisher_INCLUDED

#include "feedhub/Publisher.h"
#include "metrics/PublishMetrics.h"

namespace feedhub
{

class MeteredPublisher : public Publisher
    /// Publishes through another publisher (the bus) and counts each publish
    /// in PublishMetrics: what feeds publish with. Any thread.
{
public:
    MeteredPublisher(Publisher& next, PublishMetrics& metrics);

    std::vector<EventPtr> publish(const std::vector<Publication>& publications) override;
        /// next's publish; a batch it refuses (throws) counts as refused, one
        /// it could not store (HttpError 503) as failed.
    using Publisher::publish;
    std::size_t subscriberCount(const std::string& topic) const override;

private:
    Publisher& _next;
    PublishMetrics& _metrics;
};

} // namespace feedhub

#endif // feedhub_MeteredPublisher_INCLUDED
