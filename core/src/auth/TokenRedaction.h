//
// TokenRedaction.h
//
// Definition of the TokenRedaction class.
//

#ifndef feedhub_TokenRedaction_INCLUDED
#define feedhub_TokenRedaction_INCLUDED

#include <string>

namespace feedhub
{

class TokenRedaction
    /// Keeps tokens out of the log.
{
public:
    static std::string target(const std::string& target);
        /// A request target with the value of every token= query parameter
        /// replaced by "[redacted]".
};

} // namespace feedhub

#endif // feedhub_TokenRedaction_INCLUDED
