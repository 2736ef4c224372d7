//
// ClusterMessage.cpp
//

#include "cluster/ClusterMessage.h"
#include <charconv>

namespace feedhub
{

namespace
{

template <typename Number> bool readNumber(const char*& at, const char* end, char separator, Number& number)
{
    const std::from_chars_result result = std::from_chars(at, end, number);
    if (result.ec != std::errc() || result.ptr == end || *result.ptr != separator)
        return false;
    at = result.ptr + 1;
    return true;
}

} // namespace

bool ClusterMessage::parse(const char* bytes, std::size_t length, ClusterMessage& message)
{
    const char* at = bytes;
    const char* end = bytes + length;
    std::size_t topicLength = 0;
    std::size_t typeLength = 0;
    if (!readNumber(at, end, ' ', message.previous) || !readNumber(at, end, ' ', message.sequence) ||
        !readNumber(at, end, ' ', message.micros) || !readNumber(at, end, ' ', message.held) ||
        !readNumber(at, end, ' ', topicLength) || !readNumber(at, end, '\n', typeLength))
        return false;
    const std::size_t rest = static_cast<std::size_t>(end - at);
    if (topicLength > rest || typeLength > rest - topicLength || message.sequence <= message.previous)
        return false;
    message.topic.assign(at, topicLength);
    message.type.assign(at + topicLength, typeLength);
    message.data.assign(at + topicLength + typeLength, end);
    return true;
}

} // namespace feedhub
