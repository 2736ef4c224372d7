//
// EventCursor.cpp
//

#include "feedhub/EventCursor.h"
#include "Poco/Exception.h"
#include "Poco/NumberParser.h"

namespace feedhub
{

std::uint64_t EventCursor::parse(const std::string& text)
{
    const std::size_t colon = text.rfind(':');
    const std::string digits = colon == std::string::npos ? text : text.substr(colon + 1);
    Poco::UInt64 sequence = 0;
    const bool allDigits =
        !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
    if (!allDigits || !Poco::NumberParser::tryParseUnsigned64(digits, sequence))
        throw Poco::SyntaxException("invalid event id '" + text + "': expected <topic>:<sequence> or <sequence>");
    return sequence;
}

} // namespace feedhub
