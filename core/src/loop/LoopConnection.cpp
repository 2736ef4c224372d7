//
// LoopConnection.cpp
//

#include "loop/LoopConnection.h"
#include "loop/EventLoop.h"

namespace feedhub
{

LoopConnection::LoopConnection(Poco::Net::StreamSocket socket, ConnectionLimit::Slot slot, Transport transport)
    : _socket(std::move(socket)), _slot(std::move(slot)), _fd(_socket.impl()->sockfd()), _transport(transport)
{
}

void LoopConnection::setTransport(Transport transport)
{
    if (_loop && !_closed)
    {
        LoopMetrics& metrics = _loop->metrics();
        metrics.of(_transport).connections.add(-1);
        metrics.of(transport).connections.add(1);
        _outbox.setMeter(&metrics.of(transport).outbox);
    }
    _transport = transport;
}

LoopConnection::~LoopConnection() = default;

std::vector<std::string> LoopConnection::topics() const
{
    std::vector<std::string> names;
    names.reserve(_watched.size());
    for (const WatchedTopic& topic : _watched)
        names.push_back(topic.name);
    return names;
}

void LoopConnection::heartbeat() {}

void LoopConnection::deadlineReached()
{
    loop().close(*this);
}

void LoopConnection::received(const char*, std::size_t) {}

void LoopConnection::peerClosed()
{
    loop().close(*this);
}

void LoopConnection::written() {}

void LoopConnection::loopStopping() {}

} // namespace feedhub
