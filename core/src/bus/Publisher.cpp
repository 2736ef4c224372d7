//
// Publisher.cpp
//

#include "feedhub/Publisher.h"

namespace feedhub
{

// Out of line, so the interface's type information lives once, in libfeedhub.
Publisher::~Publisher() = default;

EventPtr Publisher::publish(const std::string& topic, const std::string& type, const std::string& data)
{
    return publish(std::vector<Publication>{Publication{topic, type, data}}).front();
}

} // namespace feedhub
