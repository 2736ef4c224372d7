//
// ConstantTime.cpp
//

#include "auth/ConstantTime.h"

namespace feedhub
{

bool ConstantTime::equals(const std::string& given, const std::string& secret)
{
    if (secret.empty())
        return false;
    std::size_t difference = given.size() ^ secret.size();
    for (std::size_t i = 0; i < given.size(); ++i)
        difference |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
    return difference == 0;
}

} // namespace feedhub
