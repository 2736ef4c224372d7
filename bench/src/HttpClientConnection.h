#pragma once

#include <cstdint>
#include <string>

#include "EventLoop.h"
#include "HttpResponseReader.h"
#include "HttpTarget.h"

namespace feedhub::bench
{

// One non-blocking HTTP/1.1 client socket driven by the EventLoop: connects,
// writes a request, and feeds what comes back into an HttpResponseReader whose
// callbacks the subclass implements. Holds no read buffer of its own, so ten
// thousand idle connections cost little memory in the load tool.
class HttpClientConnection : public IoHandler, protected HttpResponseListener
{
public:
    HttpClientConnection(EventLoop& loop, const HttpTarget& target);
    virtual ~HttpClientConnection();
    HttpClientConnection(const HttpClientConnection&) = delete;
    HttpClientConnection& operator=(const HttpClientConnection&) = delete;

    void onIoEvent(uint32_t epollEvents) final;

protected:
    // Starts a non-blocking connect; false (with errno kept) if the socket
    // could not even be created or the connect failed at once.
    bool openConnection();
    void closeConnection();
    void abortConnection();
        /// Closes with a reset instead of a FIN, so the socket leaves no
        /// TIME_WAIT behind: tens of thousands of those from one run make the
        /// kernel's search for a free local port, in the next run's connects,
        /// slow enough to be taken for the server's.
    bool isOpen() const { return _fd >= 0; }
    bool handshakeCompleted() const { return _handshakeCompleted; }
        /// The last connection opened completed its TCP handshake (it may be closed since).

    // Queues a complete request; it is written as soon as the socket allows.
    void sendRequest(std::string request);

    // The TCP handshake completed; the queued request is about to be written.
    virtual void onConnected() {}

    // The connection failed or the peer closed it; it is already closed.
    virtual void onConnectionLost(const std::string& reason) = 0;

    const HttpTarget& target() const { return _target; }

private:
    void finishConnect();
    bool flushOutput(); // false on a hard socket error
    void readInput();
    void updateInterest();
    void fail(const char* operation, int error); // error 0: closed by peer

    EventLoop& _loop;
    const HttpTarget& _target;
    HttpResponseReader _reader;
    int _fd = -1;
    bool _connecting = false;
    bool _handshakeCompleted = false;
    bool _wantWrite = false;        // what epoll is currently told to report
    uint64_t _connectionSerial = 0; // tells a reopened connection from the old one
    std::string _output;
    size_t _outputOffset = 0;
};

} // namespace feedhub::bench
