//
// HubClient.h
//
// Definition of the HubClient class.
//

#ifndef feedhub_HubClient_INCLUDED
#define feedhub_HubClient_INCLUDED

#include "Poco/Net/HTTPClientSession.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/URI.h"
#include <istream>
#include <memory>
#include <set>
#include <string>

namespace feedhub
{

class CtlArguments;

class HubClient
    /// The hub a subcommand talks to: --url (or FEEDHUB_URL; default
    /// http://localhost:8080) and --token (or FEEDHUB_TOKEN), sent as a
    /// bearer token. Turns what goes wrong into a CtlFailure with one line:
    /// the request, the HTTP status and the hub's JSON error, or why the hub
    /// cannot be reached.
{
public:
    static const std::set<std::string> OPTIONS;
        /// "url" and "token", for a subcommand's CtlArguments.

    explicit HubClient(const CtlArguments& options);
        /// Throws Poco::InvalidArgumentException for a URL that is not http://.

    const Poco::URI& url() const { return _url; }

    std::string get(const std::string& pathAndQuery);
    std::string post(const std::string& pathAndQuery, const std::string& body,
                     const std::string& contentType);
        /// The body of a 2xx answer, on one kept-alive connection.

    Poco::Net::HTTPRequest request(const std::string& method, const std::string& pathAndQuery) const;
        /// A request to the hub's pathAndQuery (under the URL's path), with the token.
    std::unique_ptr<Poco::Net::HTTPClientSession> connect(const Poco::Timespan& receiveTimeout) const;
        /// A new session to the hub, for a stream read as it comes.

    [[noreturn]] void refused(const Poco::Net::HTTPRequest& request, const Poco::Net::HTTPResponse& response,
                              std::istream& body) const;
        /// Throws CtlFailure(EXIT_REFUSED): "GET /x: 403 Forbidden: <the hub's error>".
    [[noreturn]] void unexpected(const std::string& what, const std::string& why) const;
        /// Throws CtlFailure(EXIT_UNAVAILABLE): the answer to what is not
        /// what a feedhub answers (another server at the URL?).
    [[noreturn]] void unreachable(const std::string& why) const;
        /// Throws CtlFailure(EXIT_UNAVAILABLE): "cannot reach <url>: why".

private:
    std::string exchange(Poco::Net::HTTPRequest& request, const std::string& body);

    Poco::URI _url;
    std::string _token;
    std::unique_ptr<Poco::Net::HTTPClientSession> _session;
};

} // namespace feedhub

#endif // feedhub_HubClient_INCLUDED
