//
// PollClient.h
//
// Definition of the PollClient class.
//

#ifndef feedhub_PollClient_INCLUDED
#define feedhub_PollClient_INCLUDED

#include "ClientSocket.h"
#include "Poco/Dynamic/Var.h"
#include "Poco/Net/HTTPResponse.h"
#include <map>
#include <string>
#include <vector>

class PollClient : public ClientSocket
    /// An HTTP/1.1 client on one connection that it keeps, as a long-polling
    /// client does: sends a request, reads its response, sends the next one
    /// on the same connection. A plain socket, so tests control every byte
    /// and see whether the hub keeps or closes the connection.
{
public:
    using Headers = std::map<std::string, std::string>;

    struct Response
    {
        int status = 0;
        Poco::Net::HTTPResponse head;
        std::string body;

        Poco::Dynamic::Var json() const;
            /// The body parsed as JSON.

        std::vector<std::string> eventIds() const;
        std::string cursor() const;
        bool truncated() const;
            /// Fields of a long-poll answer {"events":[...],"cursor":...,"truncated":...}.
    };

    explicit PollClient(Poco::UInt16 port);

    void send(const std::string& method, const std::string& target, const Headers& headers = Headers(),
              const std::string& body = "", const std::string& version = "HTTP/1.1");
        /// Writes one request (with Host, and Content-Length for a body).

    void sendRaw(const std::string& bytes);

    Response receive(int timeoutMs = 10000);
        /// Reads the next response; throws Poco::TimeoutException if none
        /// comes in time, Poco::IOException if the hub closes first.

    Response get(const std::string& target, const Headers& headers = Headers());
        /// send() a GET, then receive().

    bool responseArrives(int timeoutMs);
        /// True if bytes of a response (or the end of the connection) arrive in time.

    void close();
        /// Closes the connection from the client side.
};

#endif // feedhub_PollClient_INCLUDED
