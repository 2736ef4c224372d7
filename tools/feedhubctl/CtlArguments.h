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
    /// A subcommand's arguments: options "--name value" or "--name=value",
    /// each name given any number of times, and operands (anything else, "-"
    /// included, and everything after "--").
{
public:
    CtlArguments(const std::vector<std::string>& arguments, const std::set<std::string>& known);
        /// Throws Poco::InvalidArgumentException for an unknown option or a
        /// missing value.

    bool has(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback) const;
        /// The last value given.
    unsigned number(const std::string& name, unsigned fallback, unsigned lowest, unsigned highest) const;
        /// The last value given as a whole number from lowest to highest;
        /// throws Poco::InvalidArgumentException saying the range otherwise.
    std::vector<std::string> list(const std::string& name) const;
        /// Every value given, each split at commas, empty items dropped.

    const std::vector<std::string>& operands() const { return _operands; }
    void requireOperands(std::size_t fewest, std::size_t most, const std::string& what) const;
        /// Throws Poco::InvalidArgumentException naming what is expected when
        /// there are fewer or more operands.

private:
    std::map<std::string, std::vector<std::string>> _values;
    std::vector<std::string> _operands;
};

} // namespace feedhub

#endif // feedhub_CtlArguments_INCLUDED
