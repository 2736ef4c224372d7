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
    // feedhubctl's exit codes (sysexits.h where one fits), listed by --help.
    static constexpr int EXIT_REFUSED = 1;
        /// The hub answered with an error status.
    static constexpr int EXIT_USAGE = 64;
        /// Wrong options, or a configuration token cannot use.
    static constexpr int EXIT_DATA = 65;
        /// Input that cannot be published (not UTF-8).
    static constexpr int EXIT_UNAVAILABLE = 69;
        /// The hub cannot be reached, or the feedhub daemon cannot be found.

    virtual ~CtlCommand();

    virtual std::string name() const = 0;
    virtual std::string usage() const = 0;
        /// One line per option, for --help and errors.
    virtual int run(const std::vector<std::string>& arguments, std::ostream& out) = 0;
        /// Returns the exit code; notes go to standard error. Throws
        /// CtlFailure when the hub refuses or cannot be reached, and
        /// Poco::Exception saying what is wrong with the arguments or the
        /// configuration.

    static std::string defaultConfigPath();
        /// /etc/feedhub/hub.ini when installed, else this source tree's etc/hub.ini.
};

} // namespace feedhub

#endif // feedhub_CtlCommand_INCLUDED
