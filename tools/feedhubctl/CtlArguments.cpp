//
// CtlArguments.cpp
//

#include "CtlArguments.h"
#include "Poco/Exception.h"
#include "Poco/StringTokenizer.h"

namespace feedhub
{

CtlArguments::CtlArguments(const std::vector<std::string>& arguments, const std::set<std::string>& known)
{
    for (std::size_t i = 0; i < arguments.size(); ++i)
    {
        const std::string& argument = arguments[i];
        if (argument.compare(0, 2, "--") != 0)
            throw Poco::InvalidArgumentException("unexpected argument '" + argument + "'");
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

} // namespace feedhub
