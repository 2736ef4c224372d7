//
// JsonResponse.cpp
//

#include "feedhub/JsonResponse.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Stringifier.h"
#include <sstream>

namespace feedhub
{

void JsonResponse::send(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                        const Poco::Dynamic::Var& body)
{
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(body, text);
    sendText(response, status, text.str());
}

void JsonResponse::sendText(Poco::Net::HTTPServerResponse& response,
                            Poco::Net::HTTPResponse::HTTPStatus status, const std::string& json)
{
    response.setStatusAndReason(status);
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(json.size()));
    response.send() << json;
}

void JsonResponse::error(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                         const std::string& message)
{
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", message);
    send(response, status, body);
}

} // namespace feedhub
