//
// ConstantTime.h
//
// Definition of the ConstantTime class.
//

#ifndef feedhub_ConstantTime_INCLUDED
#define feedhub_ConstantTime_INCLUDED

#include <string>

namespace feedhub
{

class ConstantTime
    /// Compares secrets without telling, by how long it takes, how much of
    /// them or of their length a guess got right.
{
public:
    static bool equals(const std::string& given, const std::string& secret);
        /// Takes time in proportion to given's length only: every byte of it
        /// is compared (against the secret repeated), and a length mismatch
        /// is folded into the result instead of returning early. An empty
        /// secret equals nothing.
};

} // namespace feedhub

#endif // feedhub_ConstantTime_INCLUDED
