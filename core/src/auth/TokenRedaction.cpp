//
// TokenRedaction.cpp
//

#include "auth/TokenRedaction.h"
#include "Poco/URI.h"

namespace feedhub
{

std::string TokenRedaction::target(const std::string& target)
{
    const std::size_t question = target.find('?');
    if (question == std::string::npos)
        return target;
    std::string redacted = target.substr(0, question + 1);
    std::size_t start = question + 1;
    while (start <= target.size())
    {
        std::size_t end = target.find('&', start);
        if (end == std::string::npos)
            end = target.size();
        const std::string parameter = target.substr(start, end - start);
        // Compared decoded, as the hub reads it: %74oken= is a token too.
        std::string name;
        Poco::URI::decode(parameter.substr(0, parameter.find('=')), name);
        if (name == "token")
            redacted += "token=[redacted]";
        else
            redacted += parameter;
        if (end < target.size())
            redacted += '&';
        start = end + 1;
    }
    return redacted;
}

} // namespace feedhub
