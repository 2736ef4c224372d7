//
// IniFileLines.cpp
//

#include "config/IniFileLines.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include <fstream>

namespace feedhub
{

namespace
{

// Why text, one line of an ini file without its surrounding blanks, is not
// one Poco reads as meant; empty if it is.
std::string problemOf(const std::string& text)
{
    if (text[0] == '[')
    {
        const std::size_t close = text.find(']');
        if (close == std::string::npos)
            return "the section header '" + text + "' misses its ']'";
        if (Poco::trim(text.substr(1, close - 1)).empty())
            return "a section header needs a name: '" + text + "'";
        // Poco reads on after the ']' as if a new line started there.
        const std::string rest = Poco::trim(text.substr(close + 1));
        if (!rest.empty() && rest[0] != ';')
            return "'" + rest + "' follows the section header; put it on a line of its own";
        return std::string();
    }
    if (text[0] == '#')
        return "'" + text + "' is not a comment: comments start with ';'";
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos)
    {
        if (text.back() == ']')
            return "the section header '" + text + "' misses its '['";
        return "'" + text + "' is not a [section] header, a ; comment or key = value";
    }
    if (Poco::trim(text.substr(0, equals)).empty())
        return "'" + text + "' has no key before its '='";
    return std::string();
}

} // namespace

std::vector<IniFileLines::Line> IniFileLines::read(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw Poco::DataException(path + ": cannot read it");
    std::vector<Line> lines;
    std::string line;
    std::string section;
    int number = 0;
    while (std::getline(in, line))
    {
        ++number;
        const std::string text = Poco::trim(line);
        if (text.empty() || text[0] == ';')
            continue;
        const std::string problem = problemOf(text);
        if (!problem.empty())
            throw Poco::DataException(path + ":" + Poco::NumberFormatter::format(number) + ": " + problem);
        if (text[0] == '[')
        {
            section = Poco::toLower(Poco::trim(text.substr(1, text.find(']') - 1)));
            lines.push_back(Line{number, section, std::string()});
        }
        else
        {
            lines.push_back(Line{number, section, Poco::toLower(Poco::trim(text.substr(0, text.find('='))))});
        }
    }
    return lines;
}

int IniFileLines::find(const std::string& path, const std::string& section, const std::string& key)
{
    std::vector<Line> lines;
    try
    {
        lines = read(path);
    }
    catch (const Poco::DataException&)
    {
        // A file that does not read as a whole has no line to point at.
        return 0;
    }
    const std::string wantedSection = Poco::toLower(section);
    const std::string wantedKey = Poco::toLower(key);
    int found = 0;
    for (const Line& line : lines)
    {
        if (line.section != wantedSection || line.key != wantedKey)
            continue;
        found = line.number;
        if (key.empty())
            break;
    }
    return found;
}

std::string IniFileLines::locate(const std::string& path, const std::string& section, const std::string& key)
{
    const int line = find(path, section, key);
    return line == 0 ? path : path + ":" + Poco::NumberFormatter::format(line);
}

} // namespace feedhub
