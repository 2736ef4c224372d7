//
// HubConnectionFactory.h
//
// Definition of the HubConnectionFactory class.
//

#ifndef feedhub_HubConnectionFactory_INCLUDED
#define feedhub_HubConnectionFactory_INCLUDED

#include "http/HubConnection.h"
#include "Poco/Net/TCPServerConnectionFactory.h"

namespace feedhub
{

class HubConnectionFactory : public Poco::Net::TCPServerConnectionFactory
    /// Makes a HubConnection for each accepted or handed-back connection.
{
public:
    HubConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                         Poco::Net::HTTPRequestHandlerFactory::Ptr routes, HubConnection::Parker parker);

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

    void abortActive();
        /// Makes every connection still reading a request give it up (on stop).

private:
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _routes;
    HubConnection::Parker _parker;
    Poco::BasicEvent<void> _serverStopping;
};

} // namespace feedhub

#endif // feedhub_HubConnectionFactory_INCLUDED
