//
// JsonLogFormatter.h
//
// Definition of the JsonLogFormatter class.
//

#ifndef feedhub_JsonLogFormatter_INCLUDED
#define feedhub_JsonLogFormatter_INCLUDED

#include "Poco/Formatter.h"
#include <string>

namespace feedhub
{

class JsonLogFormatter : public Poco::Formatter
    /// Formats a log message as one line of JSON ([log] format = json):
    /// {"time": ISO 8601 UTC, "level", "logger", "message"} and, when the
    /// message carries the parameter FIELDS (a JSON object), its members,
    /// such as an access log line's method, path and status.
{
public:
    static const std::string FIELDS;
        /// The name of the message parameter holding the structured fields.

    void format(const Poco::Message& message, std::string& text) override;
};

} // namespace feedhub

#endif // feedhub_JsonLogFormatter_INCLUDED
