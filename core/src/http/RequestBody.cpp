//
// RequestBody.cpp
//

#include "http/RequestBody.h"
#include "Poco/JSON/JSONException.h"
#include "Poco/JSON/ParseHandler.h"
#include "Poco/JSON/Parser.h"
#include "feedhub/HttpError.h"

namespace feedhub
{

using Poco::Net::HTTPResponse;

Poco::Dynamic::Var RequestBody::parseJson(const std::string& body)
{
    const Poco::JSON::Handler::Ptr handler = new Poco::JSON::ParseHandler;
    parseJson(body, handler);
    return handler->asVar();
}

void RequestBody::parseJson(const std::string& body, const Poco::JSON::Handler::Ptr& handler)
{
    try
    {
        Poco::JSON::Parser(handler).parse(body);
    }
    catch (const Poco::Exception& exc)
    {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "malformed JSON: " + exc.message());
    }
}

} // namespace feedhub
