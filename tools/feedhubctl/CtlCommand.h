//
// CtlCommand.h
//
// Definition of the CtlCommand class.
//

#ifndef feedhub_CtlCommand_INCLUDED
#define feedhub_CtlCommand_INCLUDED

#include <iosfwd>
#include <string>
#include <vector>

namespace feedhub
{

class CtlCommand
    /// One feedhubctl subcommand ("feedhubctl token ..."). A new subcommand
    /// is a subclass added to main.cpp's list.
{
public:
    virtual ~CtlCommand();

    virtual std::string name() const = 0;
    virtual std::string usage() const = 0;
        /// One line per option, for --help and errors.
    virtual int run(const std::vector<std::string>& arguments, std::ostream& out) = 0;
        /// Returns the exit code. Throws Poco::Exception saying what is wrong
        /// with the arguments or the configuration.

    static std::string defaultConfigPath();
        /// /etc/feedhub/hub.ini when installed, else this source tree's etc/hub.ini.
};

} // namespace feedhub

#endif // feedhub_CtlCommand_INCLUDED
