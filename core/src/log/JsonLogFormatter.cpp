//
// JsonLogFormatter.cpp
//

#include "log/JsonLogFormatter.h"
#include "feedhub/IsoTime.h"
#include "Poco/JSON/Object.h"
#include "Poco/JSON/Parser.h"
#include "Poco/Message.h"
#include <sstream>

namespace feedhub
{

namespace
{

const char* const LEVELS[] = {"", "fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};

} // namespace

const std::string JsonLogFormatter::FIELDS = "fields";

void JsonLogFormatter::format(const Poco::Message& message, std::string& text)
{
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("time", IsoTime::format(message.getTime()));
    line.set("level", LEVELS[message.getPriority()]);
    line.set("logger", message.getSource());
    line.set("message", message.getText());
    if (message.has(FIELDS))
    {
        const Poco::JSON::Object::Ptr fields =
            Poco::JSON::Parser().parse(message.get(FIELDS)).extract<Poco::JSON::Object::Ptr>();
        for (const auto& [name, value] : *fields)
            line.set(name, value);
    }
    std::ostringstream out;
    line.stringify(out);
    text = out.str();
}

} // namespace feedhub
