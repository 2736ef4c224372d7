//
// CtlCommand.cpp
//

#include "CtlCommand.h"
#include "Poco/File.h"

namespace feedhub
{

CtlCommand::~CtlCommand() = default;

std::string CtlCommand::defaultConfigPath()
{
    const std::string installed = "/etc/feedhub/hub.ini";
    return Poco::File(installed).exists() ? installed : FEEDHUB_SOURCE_CONFIG;
}

} // namespace feedhub
