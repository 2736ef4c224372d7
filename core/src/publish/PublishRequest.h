//
// PublishRequest.h
//
// Definition of the PublishRequest class.
//

#ifndef feedhub_PublishRequest_INCLUDED
#define feedhub_PublishRequest_INCLUDED

#include "feedhub/HttpRequest.h"
#include "feedhub/Event.h"
#include "feedhub/Publication.h"
#include <string>
#include <vector>

namespace feedhub
{

class PublishRequest
    /// What a POST /publish asks for, and the answer to it: a JSON object
    /// {"topic","type","data"}, a JSON array of them (published all or none),
    /// a form with topic, type and data, or, when the query string names the
    /// topic (?topic=T&type=X), the body as it is as the event's data, whatever
    /// its Content-Type (scripts publish a file or a command's output as is).
    ///
{
public:
    static std::vector<Publication> read(const HttpRequest& request);
        /// The events the request publishes. Throws HttpError 400 or 415
        /// saying what is wrong with it and how to put it right: a JSON body
        /// sent with another Content-Type (a form's, as curl -d sends, or
        /// none) or a form sent as JSON is 415 naming the header to send.

    static std::string answer(const std::vector<EventPtr>& events);
        /// The body of the 201 answer: {"id": last id, "ids": [every id]}.

    static std::vector<Publication> readJson(const std::string& body);
        /// A JSON body's events (an object or a batch); also a WebSocket
        /// publish message's, so both take the same rules and give the same
        /// errors. Throws HttpError 400.

private:
    static Publication readRaw(const HttpRequest& request);
    static std::vector<Publication> readForm(const HttpRequest& request);
};

} // namespace feedhub

#endif // feedhub_PublishRequest_INCLUDED
