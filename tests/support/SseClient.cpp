//
// SseClient.cpp
//

#include "SseClient.h"
#include "Poco/Exception.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/NumberParser.h"
#include "Poco/Timestamp.h"
#include <sstream>

SseClient::SseClient(Poco::UInt16 port, const std::string& path,
                     const std::map<std::string, std::string>& headers, int receiveBufferBytes)
{
    if (receiveBufferBytes > 0)
    {
        // The size must be set before connecting, so the socket is made first.
        _socket = Poco::Net::StreamSocket(Poco::Net::SocketAddress::IPv4);
        _socket.setReceiveBufferSize(receiveBufferBytes);
    }
    _socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(10, 0));
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
    for (const auto& [name, value] : headers)
        request += name + ": " + value + "\r\n";
    request += "\r\n";
    _socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::size_t end;
    while ((end = _buffer.find("\r\n\r\n")) == std::string::npos)
    {
        if (!fill(10000))
            throw Poco::RuntimeException("no response head from the hub");
    }
    std::istringstream head(_buffer.substr(0, end + 4));
    _response.read(head);
    _buffer.erase(0, end + 4);
}

bool SseClient::takeLine(std::string& line)
{
    const std::size_t end = _buffer.find_first_of("\r\n");
    if (end == std::string::npos)
        return false;
    // A CR at the very end may be the first half of a CRLF still in flight.
    if (_buffer[end] == '\r' && end + 1 == _buffer.size() && !_eof)
        return false;
    line = _buffer.substr(0, end);
    const std::size_t skip =
        (_buffer[end] == '\r' && end + 1 < _buffer.size() && _buffer[end + 1] == '\n') ? 2 : 1;
    _buffer.erase(0, end + skip);
    return true;
}

bool SseClient::next(Event& event, int timeoutMs)
{
    const Poco::Timestamp start;
    Event pending;
    bool hasData = false;
    std::string line;
    for (;;)
    {
        while (takeLine(line))
        {
            if (line.empty())
            {
                if (hasData)
                {
                    if (!pending.data.empty() && pending.data.back() == '\n')
                        pending.data.pop_back();
                    pending.id = _lastEventId;
                    event = pending;
                    return true;
                }
                pending = Event();
                continue;
            }
            if (line[0] == ':')
            {
                ++_comments;
                continue;
            }
            const std::size_t colon = line.find(':');
            const std::string field = line.substr(0, colon);
            std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
            if (!value.empty() && value[0] == ' ')
                value.erase(0, 1);
            if (field == "data")
            {
                pending.data += value + "\n";
                hasData = true;
            }
            else if (field == "event")
                pending.type = value;
            else if (field == "id" && value.find('\0') == std::string::npos)
                _lastEventId = value;
            else if (field == "retry")
                _retry = Poco::NumberParser::parse(value);
        }
        const int left = timeoutMs - static_cast<int>(start.elapsed() / 1000);
        if (left <= 0 || !fill(left))
            return false;
    }
}

SseClient::Event SseClient::expect(int timeoutMs)
{
    Event event;
    if (!next(event, timeoutMs))
        throw Poco::TimeoutException("no event arrived within " + std::to_string(timeoutMs) + " ms");
    return event;
}

std::string SseClient::readBody(int timeoutMs)
{
    const Poco::Timestamp start;
    const std::size_t length = _response.hasContentLength()
                                   ? static_cast<std::size_t>(_response.getContentLength64())
                                   : std::string::npos;
    while (_buffer.size() < length && start.elapsed() / 1000 < timeoutMs)
    {
        if (!fill(timeoutMs))
            break;
    }
    return _buffer;
}

bool SseClient::waitForComment(int timeoutMs)
{
    const Poco::Timestamp start;
    Event ignored;
    while (_comments == 0 && start.elapsed() / 1000 < timeoutMs)
        next(ignored, 100);
    return _comments > 0;
}
