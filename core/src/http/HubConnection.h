//
// HubConnection.h
//
// Definition of the HubConnection class.
//

#ifndef feedhub_HubConnection_INCLUDED
#define feedhub_HubConnection_INCLUDED

#include "Poco/BasicEvent.h"
#include "Poco/Net/HTTPRequestHandlerFactory.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/HTTPServerSession.h"
#include "Poco/Net/TCPServerConnection.h"
#include <functional>
#include <string>

namespace feedhub
{

class HubConnection : public Poco::Net::TCPServerConnection
    /// Serves one request of a client connection on a worker thread.
    ///
    /// Poco's HTTPServerConnection keeps its worker for the whole life of a
    /// connection, waiting for the next request of every idle keep-alive
    /// client, so a few idle browsers stall the hub. This class serves the
    /// request that is there, then hands a kept-alive connection to an event
    /// loop (LoopHttpConnection), which reads its next request without a
    /// thread: it answers long polls and publishes itself and gives any other
    /// request back to a worker (WorkerHandoff) once it has fully arrived.
    /// A fresh connection whose request has not arrived waits on a loop too.
{
public:
    using Parker = std::function<void(Poco::Net::StreamSocket socket, std::string received)>;
        /// Parks an idle connection on an event loop; received holds bytes of
        /// its next request already read.

    HubConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                  Poco::Net::HTTPRequestHandlerFactory::Ptr routes, const Parker& parker,
                  Poco::BasicEvent<void>& serverStopping);
        /// serverStopping fires when the hub stops: a request still being read
        /// is abandoned then.
    ~HubConnection() override;

    void run() override;

private:
    bool serveRequest(Poco::Net::HTTPServerSession& session);
        /// Serves one request; true if the connection stays open for another
        /// and is still this worker's (SSE and long polls take theirs).

    static bool bodyDrained(Poco::Net::HTTPServerRequest& request);
        /// Reads what the route left of the request body; false if too much
        /// is left to keep the connection.
    void sendError(Poco::Net::HTTPServerSession& session, Poco::Net::HTTPResponse::HTTPStatus status,
                   const std::string& message);
        /// Answers with a JSON error and closes the connection.
    void onServerStopping();

    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _routes;
    const Parker& _parker;
    Poco::BasicEvent<void>& _serverStopping;
};

} // namespace feedhub

#endif // feedhub_HubConnection_INCLUDED
