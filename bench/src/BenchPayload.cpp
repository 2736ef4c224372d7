#include "BenchPayload.h"

#include <unistd.h>

#include "Clock.h"

namespace feedhub::bench
{

uint64_t makeRunId()
{
    const uint64_t mixed =
        static_cast<uint64_t>(realtimeMicros()) * 1000003u ^ static_cast<uint64_t>(getpid());
    return mixed & ((uint64_t{1} << 53) - 1);
}

std::string formatBenchPayload(const BenchPayload& payload, size_t targetBytes)
{
    std::string text = "{\"t\":" + std::to_string(payload.sentMicros) +
                       ",\"n\":" + std::to_string(payload.sequence) +
                       ",\"r\":" + std::to_string(payload.runId) + ",\"pad\":\"";
    const size_t closingBytes = 2;
    if (text.size() + closingBytes < targetBytes)
        text.append(targetBytes - text.size() - closingBytes, 'x');
    text += "\"}";
    return text;
}

namespace
{

// Parses the unsigned decimal starting at data[pos] after optional spaces, a
// colon and more spaces.
bool parseNumberAfterKey(std::string_view data, size_t pos, uint64_t& value)
{
    while (pos < data.size() && data[pos] == ' ')
        ++pos;
    if (pos >= data.size() || data[pos] != ':')
        return false;
    ++pos;
    while (pos < data.size() && data[pos] == ' ')
        ++pos;
    if (pos >= data.size() || data[pos] < '0' || data[pos] > '9')
        return false;
    value = 0;
    while (pos < data.size() && data[pos] >= '0' && data[pos] <= '9')
        value = value * 10 + static_cast<uint64_t>(data[pos++] - '0');
    return true;
}

} // namespace

bool parseBenchPayload(std::string_view data, BenchPayload& payload)
{
    bool haveTime = false, haveSequence = false, haveRun = false;
    for (size_t i = 0; i + 2 < data.size(); ++i)
    {
        if (data[i] != '"')
            continue;
        const char key = data[i + 1];
        if (key != 't' && key != 'n' && key != 'r')
            continue;
        // The closing quote of a one-letter key, possibly escaped.
        size_t afterKey = i + 2;
        if (data[afterKey] == '\\')
            ++afterKey;
        if (afterKey >= data.size() || data[afterKey] != '"')
            continue;
        uint64_t value = 0;
        if (!parseNumberAfterKey(data, afterKey + 1, value))
            continue;
        if (key == 't')
        {
            payload.sentMicros = static_cast<int64_t>(value);
            haveTime = true;
        }
        else if (key == 'n')
        {
            payload.sequence = value;
            haveSequence = true;
        }
        else
        {
            payload.runId = value;
            haveRun = true;
        }
        i = afterKey;
    }
    return haveTime && haveSequence && haveRun;
}

} // namespace feedhub::bench
