//
// TokenMinter.h
//
// Definition of the TokenMinter class.
//

#ifndef feedhub_TokenMinter_INCLUDED
#define feedhub_TokenMinter_INCLUDED

#include "Poco/Timespan.h"
#include "auth/AuthSettings.h"
#include <string>
#include <vector>

namespace feedhub
{

class TokenMinter
    /// Signs tokens the hub accepts (feedhubctl token).
{
public:
    struct Request
    {
        std::vector<std::string> publish;
        std::vector<std::string> subscribe;
        Poco::Timespan ttl = Poco::Timespan(3600, 0);
        std::string subject;
        std::string privateKeyFile;
            /// The PEM private key of RS256 and ES256 (hub.ini holds only the public one).
    };

    static std::string mint(const AuthSettings& settings, const Request& request);
        /// A JWT with exp = now + ttl, the settings' issuer and audience when
        /// set, and the feedhub claim. Throws Poco::InvalidArgumentException
        /// for a pattern that is not one, a missing secret or key.
};

} // namespace feedhub

#endif // feedhub_TokenMinter_INCLUDED
