//
// QueryTopics.h
//
// Definition of the QueryTopics class.
//

#ifndef feedhub_QueryTopics_INCLUDED
#define feedhub_QueryTopics_INCLUDED

#include "Poco/URI.h"
#include "config/HubSettings.h"
#include <string>
#include <vector>

namespace feedhub
{

class QueryTopics
    /// The topics a subscribing request names with ?topic=, as both
    /// transports read them.
{
public:
    static std::vector<std::string> read(const Poco::URI::QueryParameters& parameters,
                                         const std::vector<std::string>& defaultTopics,
                                         const HubSettings& settings);
        /// The named topics without repeats, or defaultTopics if none is named.
        /// Throws HttpError 400 if none results, a name is invalid, or there are
        /// more than the per-connection limit.

    static std::string parameter(const Poco::URI::QueryParameters& parameters, const std::string& name);
        /// The first value of a query parameter, or "". Callers decode the
        /// query once (Poco::URI::getQueryParameters) and pass it to every
        /// call: decoding is most of the cost of a long-poll request.
};

} // namespace feedhub

#endif // feedhub_QueryTopics_INCLUDED
