//
// AuthSettings.h
//
// Definition of the AuthSettings struct.
//

#ifndef feedhub_AuthSettings_INCLUDED
#define feedhub_AuthSettings_INCLUDED

#include "Poco/Timespan.h"
#include "Poco/Util/AbstractConfiguration.h"
#include "config/SectionKeys.h"
#include <string>
#include <vector>

namespace feedhub
{

struct AuthSettings
    /// The [auth] section of hub.ini: who may publish and who may listen.
    /// etc/hub.ini documents each setting.
{
    std::string algorithm = "HS256";
        /// The only algorithm a token may be signed with: HS256, RS256 or ES256.
    std::string secret;
        /// The HS256 key; at least 32 characters.
    std::string publicKeyFile;
        /// The PEM public key of RS256 and ES256.
    std::string issuer;
        /// When set, a token's "iss" must equal it.
    std::string audience;
        /// When set, a token's "aud" must be or contain it.
    Poco::Timespan leeway = Poco::Timespan(30, 0);
        /// Clock skew allowed on exp and nbf.
    bool publishOpen = false;
        /// publish = open: /publish takes requests without a token (feed topics excepted).
    std::vector<std::string> privateTopics;
        /// Topic patterns only token holders may subscribe to.
    std::vector<std::string> publishOrigins;
        /// Origins whose pages may publish cross-origin (CORS).
    int maxFailures = 20;
        /// Refusals from one address within a minute before it is refused 429.
    Poco::Timespan blockTime = Poco::Timespan(60, 0);
        /// How long such an address is refused.
    std::size_t tokenCacheEntries = 10000;
        /// Most verified tokens remembered (each until it expires).

    static const std::vector<SectionKeys> SECTIONS;
        /// [auth] and its keys.

    static AuthSettings fromConfiguration(const Poco::Util::AbstractConfiguration& config);
        /// Reads [auth]; a missing key keeps its default. Throws
        /// Poco::InvalidArgumentException naming the key ("auth.secret ...")
        /// if a value is wrong or the algorithm's key is missing or unreadable.
};

} // namespace feedhub

#endif // feedhub_AuthSettings_INCLUDED
