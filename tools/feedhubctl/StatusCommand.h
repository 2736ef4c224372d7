//
// StatusCommand.h
//
// Definition of the StatusCommand class.
//

#ifndef feedhub_StatusCommand_INCLUDED
#define feedhub_StatusCommand_INCLUDED

#include "CtlCommand.h"

namespace feedhub
{

class StatusCommand : public CtlCommand
    /// feedhubctl status [--interval SECONDS]: the hub's uptime, connections,
    /// subscriptions and topics, and its publish, delivery and sending rates,
    /// from two scrapes of /metrics SECONDS apart.
{
public:
    std::string name() const override { return "status"; }
    std::string usage() const override;
    int run(const std::vector<std::string>& arguments, std::ostream& out) override;
};

} // namespace feedhub

#endif // feedhub_StatusCommand_INCLUDED
