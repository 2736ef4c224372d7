#include "SseParser.h"

#include <utility>

namespace feedhub::bench
{

SseParser::SseParser(DataHandler onData) : _onData(std::move(onData)) {}

void SseParser::feed(const char* bytes, size_t length)
{
    size_t pos = 0;
    if (_skipLeadingLineFeed && length > 0)
    {
        if (bytes[0] == '\n')
            pos = 1;
        _skipLeadingLineFeed = false;
    }
    while (pos < length)
    {
        size_t end = pos;
        while (end < length && bytes[end] != '\n' && bytes[end] != '\r')
            ++end;
        if (end == length)
        {
            _partialLine.append(bytes + pos, end - pos);
            return;
        }
        // Parse straight from the read buffer unless the line began in an
        // earlier chunk; this keeps the common case copy-free.
        if (_partialLine.empty())
        {
            processLine(std::string_view(bytes + pos, end - pos));
        }
        else
        {
            _partialLine.append(bytes + pos, end - pos);
            processLine(_partialLine);
            _partialLine.clear();
        }
        pos = end + 1;
        if (bytes[end] == '\r')
        {
            if (pos < length)
            {
                if (bytes[pos] == '\n')
                    ++pos;
            }
            else
            {
                _skipLeadingLineFeed = true;
            }
        }
    }
}

void SseParser::processLine(std::string_view line)
{
    if (line.empty())
    {
        if (_hasData)
            _onData(_data);
        _data.clear();
        _hasData = false;
        return;
    }
    if (line.front() == ':')
        return;
    const size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    if (field != "data")
        return;
    std::string_view value;
    if (colon != std::string_view::npos)
    {
        value = line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }
    if (_hasData)
        _data.push_back('\n');
    _data.append(value.data(), value.size());
    _hasData = true;
}

} // namespace feedhub::bench
