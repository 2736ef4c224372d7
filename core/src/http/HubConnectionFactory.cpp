//
// HubConnectionFactory.cpp
//

#include "http/HubConnectionFactory.h"

namespace feedhub
{

HubConnectionFactory::HubConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                           Poco::Net::HTTPRequestHandlerFactory::Ptr routes,
                                           HubConnection::Parker parker)
    : _params(params), _routes(routes), _parker(std::move(parker))
{
}

Poco::Net::TCPServerConnection* HubConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket)
{
    return new HubConnection(socket, _params, _routes, _parker, _serverStopping);
}

void HubConnectionFactory::abortActive()
{
    _serverStopping.notify(this);
}

} // namespace feedhub
