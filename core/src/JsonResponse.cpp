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
    const std::string bytes = text.str();
    response.setStatusAndReason(status);
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(bytes.size()));
    response.send() << bytes;
}

void JsonResponse::error(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                         const std::string& message)
{
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", message);
    send(response, status, body);
}

} // namespace feedhub
