//
// PublishRequest.h
//
// Definition of the PublishRequest class.
//

#ifndef feedhub_PublishRequest_INCLUDED
#define feedhub_PublishRequest_INCLUDED

#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPRequest.h"
#include "feedhub/Event.h"
#include "feedhub/Publication.h"
#include <string>
#include <vector>

namespace feedhub
{

class PublishRequest
    /// What a POST /publish asks for, and the answer to it: a JSON object
    /// {"topic","type","data"}, a JSON array of them (published all or none),
    /// or a form with topic, type and data.
    ///
    /// Both places that take publishes use it: PublishHandler on an HTTP
    /// worker and LoopHttpConnection, which answers publishes arriving on
    /// kept-alive connections on the event loop.
{
public:
    static std::vector<Publication> read(const Poco::Net::HTTPRequest& request, const std::string& body);
        /// The events the request publishes. Throws HttpError 400 or 415
        /// saying what is wrong with it.

    static std::string answer(const std::vector<EventPtr>& events);
        /// The body of the 201 answer: {"id": last id, "ids": [every id]}.

private:
    static std::vector<Publication> readJson(const std::string& body);
    static std::vector<Publication> readForm(const Poco::Net::HTTPRequest& request, const std::string& body);
    static Publication fromJson(const Poco::Dynamic::Var& value);
};

} // namespace feedhub

#endif // feedhub_PublishRequest_INCLUDED
