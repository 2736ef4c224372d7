//
// WorkerHandoff.h
//
// Definition of the WorkerHandoff class.
//

#ifndef feedhub_WorkerHandoff_INCLUDED
#define feedhub_WorkerHandoff_INCLUDED

#include "Poco/Net/HTTPServerParams.h"
#include "Poco/Net/TCPServerConnectionFactory.h"
#include "Poco/Net/TCPServerDispatcher.h"
#include "Poco/ThreadPool.h"
#include <string>

namespace feedhub
{

class WorkerHandoff
    /// Gives connections an event loop holds back to worker threads, for a
    /// request the loop does not answer itself: a kept-alive long-poll
    /// connection whose next request is not a GET /poll (a publish, a status
    /// call, a CORS preflight, a malformed request ...).
    ///
    /// The worker runs the hub's connection class (HubConnection) on a socket
    /// that first replays the bytes the loop has read (ReplayedSocketImpl), so
    /// the request is served exactly as the HTTP server serves its own.
{
public:
    WorkerHandoff(Poco::Net::TCPServerConnectionFactory::Ptr connections,
                  Poco::Net::HTTPServerParams::Ptr params);
    ~WorkerHandoff();

    WorkerHandoff(const WorkerHandoff&) = delete;
    WorkerHandoff& operator=(const WorkerHandoff&) = delete;

    void serve(int socket, std::string received);
        /// Serves the connection on socket, a descriptor the caller keeps and
        /// closes: the worker works on a duplicate. received holds the bytes
        /// already read from it. Any thread.

    void stop();
        /// Drops queued connections and joins the worker threads. Stop the
        /// HTTP server first (HTTPServer::stopAll(true)): that also aborts
        /// the connections these workers serve.

    const Poco::Net::HTTPServerParams& params() const { return *_params; }

private:
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::ThreadPool _threads;
    Poco::Net::TCPServerDispatcher* _dispatcher;
};

} // namespace feedhub

#endif // feedhub_WorkerHandoff_INCLUDED
