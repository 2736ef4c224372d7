//
// HubClient.cpp
//

#include "HubClient.h"
#include "CtlArguments.h"
#include "CtlCommand.h"
#include "CtlFailure.h"
#include "Poco/Environment.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/NumberFormatter.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"

namespace feedhub
{

namespace
{

const std::string DEFAULT_URL = "http://localhost:8080";

// Enough of an error answer to hold the hub's {"error": ...}.
constexpr std::streamsize MAX_ERROR_BODY = 65536;

const Poco::Timespan CONNECT_TIMEOUT(10, 0);
const Poco::Timespan ANSWER_TIMEOUT(30, 0);

std::string fromEnvironment(const std::string& name)
{
    return Poco::Environment::get(name, "");
}

std::string errorOf(const std::string& body)
{
    try
    {
        const Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(body);
        const Poco::JSON::Object::Ptr object = parsed.extract<Poco::JSON::Object::Ptr>();
        if (object && object->has("error"))
            return object->getValue<std::string>("error");
    }
    catch (const Poco::Exception&)
    {
    }
    catch (const std::exception&)
    {
    }
    // Not the hub's JSON (a proxy's page?): its first line says enough.
    const std::string line = Poco::trim(body.substr(0, body.find('\n')));
    return line.size() > 200 ? line.substr(0, 200) + "..." : line;
}

} // namespace

const std::set<std::string> HubClient::OPTIONS = {"url", "token"};

HubClient::HubClient(const CtlArguments& options)
{
    std::string url = options.value("url", fromEnvironment("FEEDHUB_URL"));
    if (url.empty())
        url = DEFAULT_URL;
    try
    {
        _url = Poco::URI(url);
    }
    catch (const Poco::SyntaxException& exc)
    {
        throw Poco::InvalidArgumentException("--url '" + url + "': " + exc.message());
    }
    if (_url.getScheme() != "http" || _url.getHost().empty())
        throw Poco::InvalidArgumentException("--url '" + url +
                                             "': give http://HOST[:PORT], as the hub serves");
    _token = options.value("token", fromEnvironment("FEEDHUB_TOKEN"));
}

std::string HubClient::get(const std::string& pathAndQuery)
{
    Poco::Net::HTTPRequest request = this->request(Poco::Net::HTTPRequest::HTTP_GET, pathAndQuery);
    return exchange(request, "");
}

std::string HubClient::post(const std::string& pathAndQuery, const std::string& body,
                            const std::string& contentType)
{
    Poco::Net::HTTPRequest request = this->request(Poco::Net::HTTPRequest::HTTP_POST, pathAndQuery);
    request.setContentType(contentType);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    return exchange(request, body);
}

Poco::Net::HTTPRequest HubClient::request(const std::string& method, const std::string& pathAndQuery) const
{
    std::string path = _url.getPath();
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    Poco::Net::HTTPRequest request(method, path + pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    if (!_token.empty())
        request.set("Authorization", "Bearer " + _token);
    return request;
}

std::unique_ptr<Poco::Net::HTTPClientSession> HubClient::connect(const Poco::Timespan& receiveTimeout) const
{
    auto session = std::make_unique<Poco::Net::HTTPClientSession>(_url.getHost(), _url.getPort());
    session->setTimeout(CONNECT_TIMEOUT, ANSWER_TIMEOUT, receiveTimeout);
    return session;
}

void HubClient::refused(const Poco::Net::HTTPRequest& request, const Poco::Net::HTTPResponse& response,
                        std::istream& body) const
{
    std::string text;
    text.resize(static_cast<std::size_t>(MAX_ERROR_BODY));
    body.read(&text[0], MAX_ERROR_BODY);
    text.resize(static_cast<std::size_t>(body.gcount()));
    std::string message = request.getMethod() + " " + request.getURI() + ": " +
                          Poco::NumberFormatter::format(static_cast<int>(response.getStatus())) + " " +
                          response.getReason();
    const std::string error = errorOf(text);
    if (!error.empty())
        message += ": " + error;
    throw CtlFailure(CtlCommand::EXIT_REFUSED, message);
}

void HubClient::unexpected(const std::string& what, const std::string& why) const
{
    throw CtlFailure(CtlCommand::EXIT_UNAVAILABLE,
                     what + ": not the answer of a feedhub at " + _url.toString() + ": " + why);
}

void HubClient::unreachable(const std::string& why) const
{
    throw CtlFailure(CtlCommand::EXIT_UNAVAILABLE, "cannot reach " + _url.toString() + ": " + why);
}

std::string HubClient::exchange(Poco::Net::HTTPRequest& request, const std::string& body)
{
    if (!_session)
        _session = connect(ANSWER_TIMEOUT);
    try
    {
        _session->sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::istream& in = _session->receiveResponse(response);
        if (response.getStatus() >= Poco::Net::HTTPResponse::HTTP_BAD_REQUEST)
            refused(request, response, in);
        std::string answer;
        Poco::StreamCopier::copyToString(in, answer);
        return answer;
    }
    catch (const Poco::IOException& exc)
    {
        _session.reset();
        unreachable(exc.displayText());
    }
    catch (const Poco::TimeoutException& exc)
    {
        _session.reset();
        unreachable(exc.displayText());
    }
}

} // namespace feedhub
