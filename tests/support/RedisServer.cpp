//
// RedisServer.cpp
//

#include "RedisServer.h"
#include "Poco/Exception.h"
#include "Poco/File.h"
#include "Poco/Net/ServerSocket.h"
#include "Poco/Net/StreamSocket.h"
#include "Poco/Thread.h"
#include "TestDaemon.h"
#include <csignal>

RedisServer::RedisServer() : _dir(TestDaemon::makeTempDir())
{
    _port = freePort();
    Poco::Process::Args args = {"--port",       std::to_string(_port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no",                  "--dir",  _dir,  "--logfile", _dir + "/redis.log"};
    _process = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch("redis-server", args, _dir, nullptr,
                                                                           nullptr, nullptr));
    for (int waited = 0; waited < 10000; waited += 50)
    {
        if (answers(200))
            return;
        Poco::Thread::sleep(50);
    }
    throw Poco::RuntimeException("redis-server did not start on port " + std::to_string(_port));
}

RedisServer::~RedisServer()
{
    if (_process)
    {
        ::kill(_process->id(), SIGCONT);
        ::kill(_process->id(), SIGKILL);
        _process->wait();
    }
    Poco::File(_dir).remove(true);
}

std::string RedisServer::url() const
{
    return "redis://127.0.0.1:" + std::to_string(_port) + "/0";
}

void RedisServer::pause()
{
    ::kill(_process->id(), SIGSTOP);
}

void RedisServer::resume()
{
    ::kill(_process->id(), SIGCONT);
}

bool RedisServer::answers(int timeoutMs) const
{
    try
    {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", _port), Poco::Timespan(0, timeoutMs * 1000));
        socket.setReceiveTimeout(Poco::Timespan(0, timeoutMs * 1000));
        socket.sendBytes("PING\r\n", 6);
        char reply[16] = {};
        return socket.receiveBytes(reply, sizeof reply - 1) > 0 && std::string(reply).rfind("+PONG", 0) == 0;
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
}

Poco::UInt16 RedisServer::freePort()
{
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    return probe.address().port();
}
