//
// JsonText.cpp
//

#include "feedhub/JsonText.h"
#include "Poco/JSON/Stringifier.h"
#include <sstream>

namespace feedhub
{

std::string JsonText::format(const Poco::Dynamic::Var& value)
{
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(value, text);
    return text.str();
}

} // namespace feedhub
