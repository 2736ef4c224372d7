//
// PollClient.cpp
//

#include "PollClient.h"
#include "Poco/Exception.h"
#include "Poco/JSON/Array.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Timestamp.h"
#include <sstream>

Poco::Dynamic::Var PollClient::Response::json() const
{
    return Poco::JSON::Parser().parse(body);
}

std::vector<std::string> PollClient::Response::eventIds() const
{
    const Poco::JSON::Array::Ptr events = json().extract<Poco::JSON::Object::Ptr>()->getArray("events");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < events->size(); ++i)
        ids.push_back(events->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
    return ids;
}

std::string PollClient::Response::cursor() const
{
    return json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("cursor");
}

bool PollClient::Response::truncated() const
{
    return json().extract<Poco::JSON::Object::Ptr>()->getValue<bool>("truncated");
}

PollClient::PollClient(Poco::UInt16 port)
{
    _socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(10, 0));
}

void PollClient::send(const std::string& method, const std::string& target, const Headers& headers,
                      const std::string& body, const std::string& version)
{
    std::string request = method + " " + target + " " + version + "\r\nHost: 127.0.0.1\r\n";
    for (const auto& [name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.empty())
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    sendRaw(request);
}

void PollClient::sendRaw(const std::string& bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size())
        sent += static_cast<std::size_t>(
            _socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
}

PollClient::Response PollClient::receive(int timeoutMs)
{
    const Poco::Timestamp start;
    const auto left = [&] { return std::max(1, timeoutMs - static_cast<int>(start.elapsed() / 1000)); };
    const auto more = [&] {
        if (fill(left()))
            return;
        if (_eof)
            throw Poco::IOException("the hub closed the connection");
        throw Poco::TimeoutException("no response within " + std::to_string(timeoutMs) + " ms");
    };
    std::size_t end;
    while ((end = _buffer.find("\r\n\r\n")) == std::string::npos)
        more();
    Response response;
    std::istringstream head(_buffer.substr(0, end + 4));
    response.head.read(head);
    _buffer.erase(0, end + 4);
    response.status = response.head.getStatus();
    if (response.status < 200 || response.status == 204 || response.status == 304)
        return response;
    if (response.head.hasContentLength())
    {
        const auto length = static_cast<std::size_t>(response.head.getContentLength64());
        while (_buffer.size() < length)
            more();
        response.body = _buffer.substr(0, length);
        _buffer.erase(0, length);
    }
    else
    {
        while (fill(left()))
            ;
        response.body.swap(_buffer);
    }
    return response;
}

PollClient::Response PollClient::get(const std::string& target, const Headers& headers)
{
    send("GET", target, headers);
    return receive();
}

bool PollClient::responseArrives(int timeoutMs)
{
    return !_buffer.empty() || fill(timeoutMs) || _eof;
}

void PollClient::close()
{
    _socket.close();
}
