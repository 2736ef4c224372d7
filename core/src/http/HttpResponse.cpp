//
// HttpResponse.cpp
//

#include "feedhub/HttpResponse.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Stringifier.h"
#include <sstream>

namespace feedhub
{

namespace
{

const std::string JSON_TYPE = "application/json";

} // namespace

HttpResponse::HttpResponse(Status status) : _status(status) {}

HttpResponse HttpResponse::json(Status status, const Poco::Dynamic::Var& body)
{
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(body, text);
    return jsonText(status, text.str());
}

HttpResponse HttpResponse::jsonText(Status status, std::string json)
{
    HttpResponse response(status);
    response.setBody(std::move(json), JSON_TYPE);
    return response;
}

HttpResponse HttpResponse::error(Status status, const std::string& message)
{
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("error", message);
    return json(status, body);
}

HttpResponse& HttpResponse::set(const std::string& header, const std::string& value)
{
    _headers.set(header, value);
    return *this;
}

HttpResponse& HttpResponse::setBody(std::string body, const std::string& contentType)
{
    _body = std::move(body);
    if (contentType.empty())
        _headers.erase(Poco::Net::HTTPMessage::CONTENT_TYPE);
    else
        _headers.set(Poco::Net::HTTPMessage::CONTENT_TYPE, contentType);
    return *this;
}

} // namespace feedhub
