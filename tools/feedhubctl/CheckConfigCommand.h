//
// CheckConfigCommand.h
//
// Definition of the CheckConfigCommand class.
//

#ifndef feedhub_CheckConfigCommand_INCLUDED
#define feedhub_CheckConfigCommand_INCLUDED

#include "CtlCommand.h"

namespace feedhub
{

class CheckConfigCommand : public CtlCommand
    /// feedhubctl check-config [FILE]: runs the daemon's own check,
    /// "feedhub --check-config --config FILE", so that the file is judged by
    /// the code that will load it (feeds' configure included), and exits
    /// with its status. The daemon is the feedhub next to feedhubctl, else
    /// the one this tree builds, else the first on PATH.
{
public:
    std::string name() const override { return "check-config"; }
    std::string usage() const override;
    int run(const std::vector<std::string>& arguments, std::ostream& out) override;

    static std::string findDaemon();
        /// The feedhub binary to run; throws CtlFailure(EXIT_UNAVAILABLE) if none is found.
};

} // namespace feedhub

#endif // feedhub_CheckConfigCommand_INCLUDED
