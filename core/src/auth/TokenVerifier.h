//
// TokenVerifier.h
//
// Definition of the TokenVerifier class.
//

#ifndef feedhub_TokenVerifier_INCLUDED
#define feedhub_TokenVerifier_INCLUDED

#include "Poco/JWT/Signer.h"
#include "auth/AuthSettings.h"
#include "auth/TokenClaims.h"
#include <memory>
#include <string>

namespace feedhub
{

class TokenVerifier
    /// Checks a JWT: its size and shape, the one algorithm the hub accepts
    /// ("none" and every other refused), its signature, then what
    /// Poco::JWT::Signer leaves to the caller: exp (required), nbf, iss and
    /// aud, with the clock leeway, and the shape of the "feedhub" claim.
    /// Any thread; costs one signature verification.
{
public:
    static constexpr std::size_t MAX_TOKEN_BYTES = 8192;

    explicit TokenVerifier(const AuthSettings& settings);
        /// Reads the public key of RS256 and ES256. Throws
        /// Poco::InvalidArgumentException if it cannot.

    TokenClaims verify(const std::string& token, const Poco::Timestamp& now) const;
        /// Throws AuthRefusal 401 saying what is wrong with the token.

private:
    bool signatureHolds(const std::string& token) const;

    AuthSettings _settings;
    std::unique_ptr<Poco::JWT::Signer> _signer;
};

} // namespace feedhub

#endif // feedhub_TokenVerifier_INCLUDED
