//
// ReplayedSocketImpl.h
//
// Definition of the ReplayedSocketImpl class.
//

#ifndef feedhub_ReplayedSocketImpl_INCLUDED
#define feedhub_ReplayedSocketImpl_INCLUDED

#include "Poco/Net/StreamSocketImpl.h"
#include <string>

namespace feedhub
{

class ReplayedSocketImpl : public Poco::Net::StreamSocketImpl
    /// A connected TCP socket some of whose bytes were already read: reading
    /// returns those first, then what the socket receives.
    ///
    /// Lets Poco's HTTP server classes serve a request whose head an event
    /// loop has already taken off the socket.
{
public:
    ReplayedSocketImpl(poco_socket_t socket, std::string received);
        /// Takes ownership of socket, an open native descriptor.

    using Poco::Net::StreamSocketImpl::receiveBytes;
    int receiveBytes(void* buffer, int length, int flags = 0) override;
    int available() override;
    bool poll(const Poco::Timespan& timeout, int mode) override;

    std::string takeRest();
        /// The replayed bytes not read yet, now the caller's to deliver.

protected:
    ~ReplayedSocketImpl() override = default;

private:
    std::size_t left() const { return _received.size() - _offset; }

    std::string _received;
    std::size_t _offset = 0;
};

} // namespace feedhub

#endif // feedhub_ReplayedSocketImpl_INCLUDED
