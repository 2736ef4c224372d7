//
// IniFileLines.h
//
// Definition of the IniFileLines class.
//

#ifndef feedhub_IniFileLines_INCLUDED
#define feedhub_IniFileLines_INCLUDED

#include <string>

namespace feedhub
{

class IniFileLines
    /// Finds where an ini file sets a key, for messages that point at the
    /// line: Poco's IniFileConfiguration keeps no line numbers.
{
public:
    static int find(const std::string& path, const std::string& section, const std::string& key);
        /// The line (from 1) of the last setting of key in [section], where
        /// Poco takes the value from, or 0 if there is none. Section and key
        /// match without regard to case, as Poco reads them.

    static std::string locate(const std::string& path, const std::string& section, const std::string& key);
        /// "path:line", or just the path if the line is not found.
};

} // namespace feedhub

#endif // feedhub_IniFileLines_INCLUDED
