//
// PollQuery.cpp
//

#include "poll/PollQuery.h"
#include "Poco/NumberParser.h"
#include "routes/QueryTopics.h"
#include "poll/TopicPollWaiter.h"
#include "bus/EventCursor.h"
#include "feedhub/HttpError.h"

namespace feedhub
{

PollQuery PollQuery::read(const HttpRequest& request, const HubSettings& settings)
{
    request.allowQuery({"topic", "since", "timeout", "token"});
    PollQuery query;
    const Poco::URI::QueryParameters& parameters = request.query();
    query.topics = QueryTopics::read(parameters, settings.defaultTopics, settings);
    const std::string since = QueryTopics::parameter(parameters, "since");
    if (!since.empty())
        query.since = EventCursor::parse(since);
    query.timeout = settings.pollDefaultTimeout;
    const std::string timeout = QueryTopics::parameter(parameters, "timeout");
    if (!timeout.empty())
    {
        unsigned seconds = 0;
        if (timeout.find_first_not_of("0123456789") != std::string::npos ||
            !Poco::NumberParser::tryParseUnsigned(timeout, seconds))
            throw HttpError(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
                            "invalid timeout '" + timeout + "': expected whole seconds, 0 or more");
        query.timeout = Poco::Timespan(static_cast<long>(seconds), 0);
    }
    query.batchSize = settings.pollBatchSize;
    return query;
}

std::unique_ptr<LongPollWaiter> PollQuery::waiter(Bus& bus) const
{
    return std::make_unique<TopicPollWaiter>(bus, topics, since, batchSize);
}

} // namespace feedhub
