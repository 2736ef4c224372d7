//
// CtlArguments.h
//
// Definition of the CtlArguments class.
//

#ifndef feedhub_CtlArguments_INCLUDED
#define feedhub_CtlArguments_INCLUDED

#include <map>
#include <set>
#include <string>
#include <vector>

namespace feedhub
{

class CtlArguments
    /// A subcommand's options: "--name value" or "--name=value", each name
    /// given any number of times.
{
public:
    CtlArguments(const std::vector<std::string>& arguments, const std::set<std::string>& known);
        /// Throws Poco::InvalidArgumentException for an unknown option, a
        /// missing value or a bare argument.

    bool has(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback) const;
        /// The last value given.
    std::vector<std::string> list(const std::string& name) const;
        /// Every value given, each split at commas, empty items dropped.

private:
    std::map<std::string, std::vector<std::string>> _values;
};

} // namespace feedhub

#endif // feedhub_CtlArguments_INCLUDED
