//
// SseClient.h
//
// Definition of the SseClient class.
//

#ifndef feedhub_SseClient_INCLUDED
#define feedhub_SseClient_INCLUDED

#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/StreamSocket.h"
#include <map>
#include <string>

class SseClient
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

    SseClient(Poco::UInt16 port, const std::string& path, const std::map<std::string, std::string>& headers = {},
              int receiveBufferBytes = 0);
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

    bool waitForClose(int timeoutMs);
        /// Reads and discards until the server closes; true if it did in time.

    int retry() const { return _retry; }
    const std::string& lastEventId() const { return _lastEventId; }
    Poco::Net::StreamSocket& socket() { return _socket; }

private:
    bool fill(int timeoutMs);
    bool takeLine(std::string& line);

    Poco::Net::StreamSocket _socket;
    Poco::Net::HTTPResponse _response;
    std::string _buffer;
    bool _eof = false;
    int _retry = -1;
    int _comments = 0;
    std::string _lastEventId;
};

#endif // feedhub_SseClient_INCLUDED
