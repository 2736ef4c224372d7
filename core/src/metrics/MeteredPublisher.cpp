//
// MeteredPublisher.cpp
//

#include "metrics/MeteredPublisher.h"
#include "feedhub/HttpError.h"

namespace feedhub
{

MeteredPublisher::MeteredPublisher(Publisher& next, PublishMetrics& metrics) : _next(next), _metrics(metrics)
{
}

std::vector<EventPtr> MeteredPublisher::publish(const std::vector<Publication>& publications)
{
    const Poco::Clock started;
    try
    {
        std::vector<EventPtr> events = _next.publish(publications);
        _metrics.finished(PublishResult{events, std::string()}, started);
        return events;
    }
    catch (const HttpError& error)
    {
        if (error.status() == Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE)
            _metrics.finished(PublishResult{{}, error.what()}, started);
        else
            _metrics.refused();
        throw;
    }
    catch (...)
    {
        _metrics.refused();
        throw;
    }
}

std::size_t MeteredPublisher::subscriberCount(const std::string& topic) const
{
    return _next.subscriberCount(topic);
}

} // namespace feedhub
