//
// WorkerHandoff.cpp
//

#include "http/WorkerHandoff.h"
#include "Poco/Error.h"
#include "Poco/Logger.h"
#include "http/ReplayedSocketImpl.h"
#include <unistd.h>

namespace feedhub
{

WorkerHandoff::WorkerHandoff(Poco::Net::TCPServerConnectionFactory::Ptr connections,
                             Poco::Net::HTTPServerParams::Ptr params)
    : _params(params), _threads("handoff", 1, params->getMaxThreads()),
      _dispatcher(new Poco::Net::TCPServerDispatcher(connections, _threads, params))
{
}

WorkerHandoff::~WorkerHandoff()
{
    stop();
    _dispatcher->release();
}

void WorkerHandoff::serve(int socket, std::string received)
{
    const int duplicate = ::dup(socket);
    if (duplicate < 0)
    {
        Poco::Logger::get("feedhub.poll")
            .error("cannot hand a connection to a worker: %s", std::string(Poco::Error::getMessage(errno)));
        return;
    }
    Poco::Net::StreamSocket worker(new ReplayedSocketImpl(duplicate, std::move(received)));
    // The loop made the socket non-blocking; Poco's server reads it blocking.
    worker.setBlocking(true);
    _dispatcher->enqueue(worker);
}

void WorkerHandoff::stop()
{
    _dispatcher->stop();
    _threads.joinAll();
}

} // namespace feedhub
