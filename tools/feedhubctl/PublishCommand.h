//
// PublishCommand.h
//
// Definition of the PublishCommand class.
//

#ifndef feedhub_PublishCommand_INCLUDED
#define feedhub_PublishCommand_INCLUDED

#include "CtlCommand.h"

namespace feedhub
{

class PublishCommand : public CtlCommand
    /// feedhubctl publish TOPIC [DATA|-] [--type TYPE] [--batch N]: publishes
    /// DATA as one event, or each line of standard input as one (with "-" or
    /// no DATA), in batches of up to N lines per POST /publish; a batch goes
    /// out when full or when no more input is waiting, so a slow stream of
    /// lines is published as it comes. Prints the last event's id.
{
public:
    std::string name() const override { return "publish"; }
    std::string usage() const override;
    int run(const std::vector<std::string>& arguments, std::ostream& out) override;
};

} // namespace feedhub

#endif // feedhub_PublishCommand_INCLUDED
