//
// AccessLog.cpp
//

#include "log/AccessLog.h"
#include "auth/TokenRedaction.h"
#include "log/JsonLogFormatter.h"
#include "Poco/JSON/Object.h"
#include "Poco/Message.h"
#include "Poco/NumberFormatter.h"
#include <sstream>

namespace feedhub
{

const std::string AccessLog::LOGGER = "feedhub.access";

Poco::Logger& AccessLog::logger()
{
    // Looked up once: Logger::get() takes a process-wide lock.
    static Poco::Logger& access = Poco::Logger::get(LOGGER);
    return access;
}

bool AccessLog::enabled()
{
    return logger().information();
}

void AccessLog::record(const std::string& method, const std::string& target, int status, std::size_t bytes,
                       Poco::Timespan duration)
{
    const std::string path = TokenRedaction::target(target);
    const double milliseconds = static_cast<double>(duration.totalMicroseconds()) / 1000.0;
    Poco::JSON::Object fields(Poco::JSON_PRESERVE_KEY_ORDER);
    fields.set("method", method);
    fields.set("path", path);
    fields.set("status", status);
    fields.set("bytes", bytes);
    fields.set("duration_ms", milliseconds);
    std::ostringstream json;
    fields.stringify(json);

    Poco::Message message(LOGGER,
                          method + " " + path + " " + Poco::NumberFormatter::format(status) + " " +
                              Poco::NumberFormatter::format(bytes) + " B " +
                              Poco::NumberFormatter::format(milliseconds, 1) + " ms",
                          Poco::Message::PRIO_INFORMATION);
    message.set(JsonLogFormatter::FIELDS, json.str());
    logger().log(message);
}

} // namespace feedhub
