//
// EventStreamReader.cpp
//

#include "EventStreamReader.h"
#include "Poco/NumberParser.h"

namespace feedhub
{

EventStreamReader::EventStreamReader(std::istream& in) : _in(in) {}

bool EventStreamReader::next(Event& event)
{
    event = Event();
    bool hasData = false;
    std::string line;
    while (std::getline(_in, line))
    {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
        {
            if (hasData)
                return true;
            event = Event();
            continue;
        }
        if (line[0] == ':')
            continue;
        const std::size_t colon = line.find(':');
        const std::string field = line.substr(0, colon);
        std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ')
            value.erase(0, 1);
        if (field == "data")
        {
            if (hasData)
                event.data += '\n';
            event.data += value;
            hasData = true;
        }
        else if (field == "event")
            event.type = value.empty() ? "message" : value;
        else if (field == "id" && value.find('\0') == std::string::npos)
            event.id = value;
        else if (field == "retry")
        {
            unsigned milliseconds = 0;
            if (Poco::NumberParser::tryParseUnsigned(value, milliseconds))
                _retryMs = static_cast<int>(milliseconds);
        }
    }
    return false;
}

} // namespace feedhub
