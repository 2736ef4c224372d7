//
// TopicsCommand.h
//
// Definition of the TopicsCommand class.
//

#ifndef feedhub_TopicsCommand_INCLUDED
#define feedhub_TopicsCommand_INCLUDED

#include "CtlCommand.h"

namespace feedhub
{

class TopicsCommand : public CtlCommand
    /// feedhubctl topics: the hub's topics (GET /topics) as a table: topic,
    /// subscribers, events held, last id.
{
public:
    std::string name() const override { return "topics"; }
    std::string usage() const override;
    int run(const std::vector<std::string>& arguments, std::ostream& out) override;
};

} // namespace feedhub

#endif // feedhub_TopicsCommand_INCLUDED
