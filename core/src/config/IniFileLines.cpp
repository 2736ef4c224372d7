//
// IniFileLines.cpp
//

#include "config/IniFileLines.h"
#include "Poco/NumberFormatter.h"
#include "Poco/String.h"
#include <fstream>

namespace feedhub
{

int IniFileLines::find(const std::string& path, const std::string& section, const std::string& key)
{
    std::ifstream in(path);
    std::string line;
    std::string currentSection;
    int number = 0;
    int found = 0;
    while (std::getline(in, line))
    {
        ++number;
        const std::string text = Poco::trim(line);
        if (text.empty() || text[0] == ';')
            continue;
        if (text[0] == '[')
        {
            currentSection = Poco::trim(text.substr(1, text.find(']') - 1));
            continue;
        }
        const std::string name = Poco::trim(text.substr(0, text.find('=')));
        if (Poco::icompare(currentSection, section) == 0 && Poco::icompare(name, key) == 0)
            found = number;
    }
    return found;
}

std::string IniFileLines::locate(const std::string& path, const std::string& section, const std::string& key)
{
    const int line = find(path, section, key);
    return line == 0 ? path : path + ":" + Poco::NumberFormatter::format(line);
}

} // namespace feedhub
