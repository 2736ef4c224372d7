//
// SseClient.h
//
// Definition of the SseClient class.
//

#ifndef feedhub_SseClient_INCLUDED
#define feedhub_SseClient_INCLUDED

#include "ClientSocket.h"
#include "Poco/Net/HTTPResponse.h"
#include <map>
#include <string>

class SseClient : public ClientSocket
    /// A text/event-stream client that parses frames as a browser does
    /// (WHATWG rules), on a plain socket so tests control reading.
{
public:
    struct Event
    {
        std::string id;
        std::string type = "message";
        std::string data;
    };

    SseClient(Poco::UInt16 port, const std::string& path,
              const std::map<std::string, std::string>& headers = {}, int receiveBufferBytes = 0);
        /// Connects, sends the request and reads the response head.
        /// receiveBufferBytes > 0 shrinks the socket's receive buffer (for
        /// slow-consumer tests).

    int status() const { return _response.getStatus(); }
    const Poco::Net::HTTPResponse& response() const { return _response; }

    bool next(Event& event, int timeoutMs);
        /// The next dispatched event; false on timeout or end of stream.

    Event expect(int timeoutMs = 5000);
        /// The next event; throws if none arrives in time.

    std::string readBody(int timeoutMs = 5000);
        /// For error answers: the rest of the body.

    bool waitForComment(int timeoutMs);
        /// True once a comment line (heartbeat) has been read.

    int retry() const { return _retry; }
    const std::string& lastEventId() const { return _lastEventId; }

private:
    bool takeLine(std::string& line);

    Poco::Net::HTTPResponse _response;
    int _retry = -1;
    int _comments = 0;
    std::string _lastEventId;
};

#endif // feedhub_SseClient_INCLUDED
