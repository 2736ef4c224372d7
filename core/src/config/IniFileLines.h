//
// IniFileLines.h
//
// Definition of the IniFileLines class.
//

#ifndef feedhub_IniFileLines_INCLUDED
#define feedhub_IniFileLines_INCLUDED

#include <string>
#include <vector>

namespace feedhub
{

class IniFileLines
    /// What Poco's IniFileConfiguration does not do with an ini file: it
    /// keeps no line numbers and takes any line as a key, so a line that lost
    /// its "=" or a header that lost its "[" is read as a strange key.
    /// IniFileLines reads the lines as Poco does, refuses those, and finds
    /// where a key is set, for messages that point at the line.
{
public:
    struct Line
    {
        int number = 0;
            /// From 1.
        std::string section;
            /// In lower case, as Poco compares it.
        std::string key;
            /// In lower case; empty for the section header itself.
    };

    static std::vector<Line> read(const std::string& path);
        /// Every section header and key = value line of path, in order.
        /// Throws Poco::DataException "<path>:<line>: <what is wrong>" at the
        /// first line that is neither blank, a ";" comment, a [section]
        /// header nor key = value, or "<path>: cannot read it".

    static int find(const std::string& path, const std::string& section, const std::string& key);
        /// The line (from 1) of the last setting of key in [section], where
        /// Poco takes the value from, or 0 if there is none; with an empty
        /// key, the line of the section's first header. Section and key
        /// match without regard to case, as Poco reads them.

    static std::string locate(const std::string& path, const std::string& section, const std::string& key);
        /// "path:line", or just the path if the line is not found.
};

} // namespace feedhub

#endif // feedhub_IniFileLines_INCLUDED
