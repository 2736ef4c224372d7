//
// TopicsHandler.cpp
//

#include "routes/TopicsHandler.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/NumberFormatter.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

TopicsHandler::TopicsHandler(Hub& hub) : RouteHandler("GET"), _hub(hub) {}

void TopicsHandler::handle(const HttpRequest& request, const ReplyPtr& reply)
{
    request.allowQuery({});
    Poco::JSON::Array::Ptr topics = new Poco::JSON::Array;
    for (const Bus::TopicStatus& status : _hub.bus().topics())
    {
        Poco::JSON::Object::Ptr topic = new Poco::JSON::Object;
        topic->set("name", status.name);
        topic->set("subscribers", status.subscribers);
        topic->set("held", status.held);
        topic->set("lastId", status.lastSequence == 0
                                 ? std::string()
                                 : status.name + ":" + Poco::NumberFormatter::format(status.lastSequence));
        topics->add(topic);
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("topics", topics);
    reply->send(HttpResponse::json(HTTPResponse::HTTP_OK, body));
}

} // namespace feedhub
