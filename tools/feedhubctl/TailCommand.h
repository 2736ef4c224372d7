//
// TailCommand.h
//
// Definition of the TailCommand class.
//

#ifndef feedhub_TailCommand_INCLUDED
#define feedhub_TailCommand_INCLUDED

#include "CtlCommand.h"

namespace feedhub
{

class TailCommand : public CtlCommand
    /// feedhubctl tail TOPIC... [--since ID] [--count N] [--format F]: follows
    /// the topics' SSE stream (/events) and prints each event as it comes.
    /// After a disconnect (a hub restart) it reconnects, after the delay the
    /// hub's "retry:" asked for, with the last id it printed, so nothing is
    /// missed or printed twice while history holds it.
{
public:
    std::string name() const override { return "tail"; }
    std::string usage() const override;
    int run(const std::vector<std::string>& arguments, std::ostream& out) override;
};

} // namespace feedhub

#endif // feedhub_TailCommand_INCLUDED
