//
// RawExchange.cpp
//

#include "RawExchange.h"
#include "Poco/Exception.h"
#include "Poco/Net/StreamSocket.h"
#include <algorithm>

std::string RawExchange::send(Poco::UInt16 port, const std::string& bytes)
{
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(10, 0));
    socket.setReceiveTimeout(Poco::Timespan(3, 0));
    std::string answer;
    try
    {
        for (std::size_t sent = 0; sent < bytes.size();)
            sent += static_cast<std::size_t>(socket.sendBytes(
                bytes.data() + sent, static_cast<int>(std::min<std::size_t>(65536, bytes.size() - sent))));
        // Our end is done: the hub sees EOF instead of waiting for more.
        socket.shutdownSend();
        char buffer[4096];
        int got;
        while ((got = socket.receiveBytes(buffer, sizeof buffer)) > 0)
            answer.append(buffer, static_cast<std::size_t>(got));
    }
    catch (const Poco::Exception&)
    {
        // A reset or a time-out: the hub refused to go on, which callers check.
    }
    return answer;
}

std::string RawExchange::statusLine(const std::string& answer)
{
    return answer.substr(0, answer.find("\r\n"));
}

std::string RawExchange::body(const std::string& answer)
{
    const std::size_t end = answer.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : answer.substr(end + 4);
}
