//
// CtlArguments.cpp
//

#include "CtlArguments.h"
#include "Poco/Exception.h"
#include "Poco/NumberFormatter.h"
#include "Poco/NumberParser.h"
#include "Poco/StringTokenizer.h"

namespace feedhub
{

CtlArguments::CtlArguments(const std::vector<std::string>& arguments, const std::set<std::string>& known)
{
    for (std::size_t i = 0; i < arguments.size(); ++i)
    {
        const std::string& argument = arguments[i];
        if (argument == "--")
        {
            _operands.insert(_operands.end(), arguments.begin() + static_cast<long>(i) + 1, arguments.end());
            return;
        }
        if (argument.compare(0, 2, "--") != 0)
        {
            _operands.push_back(argument);
            continue;
        }
        const std::size_t equals = argument.find('=');
        const std::string name =
            argument.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        if (known.count(name) == 0)
            throw Poco::InvalidArgumentException("unknown option --" + name);
        if (equals != std::string::npos)
            _values[name].push_back(argument.substr(equals + 1));
        else if (i + 1 < arguments.size())
            _values[name].push_back(arguments[++i]);
        else
            throw Poco::InvalidArgumentException("--" + name + " needs a value");
    }
}

bool CtlArguments::has(const std::string& name) const
{
    return _values.count(name) > 0;
}

std::string CtlArguments::value(const std::string& name, const std::string& fallback) const
{
    const auto found = _values.find(name);
    return found == _values.end() ? fallback : found->second.back();
}

unsigned CtlArguments::number(const std::string& name, unsigned fallback, unsigned lowest,
                              unsigned highest) const
{
    if (!has(name))
        return fallback;
    unsigned number = 0;
    if (!Poco::NumberParser::tryParseUnsigned(value(name, ""), number) || number < lowest || number > highest)
        throw Poco::InvalidArgumentException("--" + name + " must be a whole number from " +
                                             Poco::NumberFormatter::format(lowest) + " to " +
                                             Poco::NumberFormatter::format(highest));
    return number;
}

std::vector<std::string> CtlArguments::list(const std::string& name) const
{
    std::vector<std::string> items;
    const auto found = _values.find(name);
    if (found == _values.end())
        return items;
    for (const std::string& value : found->second)
    {
        Poco::StringTokenizer parts(
            value, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        items.insert(items.end(), parts.begin(), parts.end());
    }
    return items;
}

void CtlArguments::requireOperands(std::size_t fewest, std::size_t most, const std::string& what) const
{
    if (_operands.size() < fewest)
        throw Poco::InvalidArgumentException("give " + what);
    if (_operands.size() > most)
        throw Poco::InvalidArgumentException("unexpected argument '" + _operands[most] + "': give " + what);
}

} // namespace feedhub
