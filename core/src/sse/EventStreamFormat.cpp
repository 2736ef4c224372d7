//
// EventStreamFormat.cpp
//

#include "sse/EventStreamFormat.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"

namespace feedhub
{

const std::string EventStreamFormat::DEFAULT_TYPE = "message";

std::string EventStreamFormat::event(const std::string& id, const std::string& type, const std::string& data)
{
    std::string frame;
    frame.reserve(id.size() + type.size() + data.size() + 32);
    if (!id.empty())
    {
        frame += "id: ";
        frame += id;
        frame += '\n';
    }
    if (type != DEFAULT_TYPE)
    {
        frame += "event: ";
        frame += type;
        frame += '\n';
    }
    frame += "data: ";
    for (std::size_t i = 0; i < data.size(); ++i)
    {
        const char c = data[i];
        if (c == '\r' || c == '\n')
        {
            if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n')
                ++i;
            frame += "\ndata: ";
        }
        else
        {
            frame += c;
        }
    }
    frame += "\n\n";
    return frame;
}

std::string EventStreamFormat::retry(int milliseconds)
{
    return "retry: " + Poco::NumberFormatter::format(milliseconds) + "\n\n";
}

std::string EventStreamFormat::heartbeat()
{
    return ":\n\n";
}

void EventStreamFormat::checkField(const std::string& name, const std::string& value)
{
    if (value.find_first_of(std::string("\r\n\0", 3)) != std::string::npos)
        throw Poco::InvalidArgumentException(name + " must not contain CR, LF or NUL");
}

} // namespace feedhub
