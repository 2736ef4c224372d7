//
// CtlFailure.h
//
// Definition of the CtlFailure class.
//

#ifndef feedhub_CtlFailure_INCLUDED
#define feedhub_CtlFailure_INCLUDED

#include <stdexcept>
#include <string>

namespace feedhub
{

class CtlFailure : public std::runtime_error
    /// A subcommand that could not do its work for a reason other than its
    /// arguments: the one-line message feedhubctl prints and its exit code
    /// (CtlCommand::EXIT_...).
{
public:
    CtlFailure(int exitCode, const std::string& message);
    ~CtlFailure() override;

    int exitCode() const { return _exitCode; }

private:
    int _exitCode;
};

} // namespace feedhub

#endif // feedhub_CtlFailure_INCLUDED
