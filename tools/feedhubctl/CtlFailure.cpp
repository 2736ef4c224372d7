//
// CtlFailure.cpp
//

#include "CtlFailure.h"

namespace feedhub
{

CtlFailure::CtlFailure(int exitCode, const std::string& message)
    : std::runtime_error(message), _exitCode(exitCode)
{
}

CtlFailure::~CtlFailure() = default;

} // namespace feedhub
