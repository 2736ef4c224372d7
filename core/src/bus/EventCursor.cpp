//
// EventCursor.cpp
//

#include "bus/EventCursor.h"
#include "Poco/Exception.h"
#include <charconv>

namespace feedhub
{

std::uint64_t EventCursor::parse(const std::string& text)
{
    const std::size_t colon = text.rfind(':');
    const std::string digits = colon == std::string::npos ? text : text.substr(colon + 1);
    // std::from_chars rather than Poco::NumberParser: Poco 1.11 takes 2^64 for 0.
    std::uint64_t sequence = 0;
    const char* end = digits.data() + digits.size();
    const auto [stop, error] = std::from_chars(digits.data(), end, sequence);
    if (digits.empty() || error != std::errc() || stop != end)
        throw Poco::SyntaxException("invalid event id '" + text +
                                    "': expected <topic>:<sequence> or <sequence>");
    return sequence;
}

} // namespace feedhub
