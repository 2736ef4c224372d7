//
// HttpCall.cpp
//

#include "HttpCall.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/StreamCopier.h"

Poco::Dynamic::Var HttpCall::Result::json() const
{
    return Poco::JSON::Parser().parse(body);
}

std::string HttpCall::Result::jsonString(const std::string& field) const
{
    Poco::JSON::Object::Ptr object = json().extract<Poco::JSON::Object::Ptr>();
    return object->has(field) ? object->getValue<std::string>(field) : std::string();
}

HttpCall::Result HttpCall::get(Poco::UInt16 port, const std::string& path, const Headers& headers)
{
    return send(port, Poco::Net::HTTPRequest::HTTP_GET, path, "", "", headers);
}

HttpCall::Result HttpCall::post(Poco::UInt16 port, const std::string& path, const std::string& body,
                                const std::string& contentType, const Headers& headers)
{
    return send(port, Poco::Net::HTTPRequest::HTTP_POST, path, body, contentType, headers);
}

HttpCall::Result HttpCall::send(Poco::UInt16 port, const std::string& method, const std::string& path,
                                const std::string& body, const std::string& contentType,
                                const Headers& headers)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!body.empty() || method == Poco::Net::HTTPRequest::HTTP_POST)
    {
        request.setContentType(contentType);
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;
    Result result;
    std::istream& in = session.receiveResponse(result.response);
    Poco::StreamCopier::copyToString(in, result.body);
    result.status = result.response.getStatus();
    return result;
}

std::string HttpCall::publish(Poco::UInt16 port, const std::string& topic, const std::string& data,
                              const std::string& type)
{
    Poco::JSON::Object event;
    event.set("topic", topic);
    event.set("type", type);
    event.set("data", data);
    std::ostringstream body;
    event.stringify(body);
    const Result result = post(port, "/publish", body.str());
    if (result.status != 201)
        throw Poco::RuntimeException("publish failed with " + std::to_string(result.status) + ": " +
                                     result.body);
    return result.jsonString("id");
}
