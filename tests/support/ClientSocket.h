//
// ClientSocket.h
//
// Definition of the ClientSocket class.
//

#ifndef feedhub_ClientSocket_INCLUDED
#define feedhub_ClientSocket_INCLUDED

#include "Poco/Net/StreamSocket.h"
#include <string>

class ClientSocket
    /// A test client's connection to the hub: a plain socket, so tests
    /// control reading, and the bytes read but not consumed yet.
{
public:
    bool waitForClose(int timeoutMs);
        /// Reads and discards until the server closes; true if it did in time.

    Poco::Net::StreamSocket& socket() { return _socket; }

protected:
    bool fill(int timeoutMs);
        /// Appends to _buffer what arrives within timeoutMs; false on timeout
        /// or at the end of the connection (then _eof is set).

    Poco::Net::StreamSocket _socket;
    std::string _buffer;
    bool _eof = false;
};

#endif // feedhub_ClientSocket_INCLUDED
