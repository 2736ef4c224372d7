//
// Publisher.cpp
//

#include "feedhub/Publisher.h"

namespace feedhub
{

EventPtr Publisher::publish(const std::string& topic, const std::string& type, const std::string& data)
{
    return publish(std::vector<Publication>{Publication{topic, type, data}}).front();
}

} // namespace feedhub
