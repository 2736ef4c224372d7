//
// TestTokens.h
//
// Definition of the TestTokens class.
//

#ifndef feedhub_TestTokens_INCLUDED
#define feedhub_TestTokens_INCLUDED

#include "Poco/JSON/Object.h"
#include <string>
#include <vector>

class TestTokens
    /// JWTs for the auth tests, well made or deliberately not.
{
public:
    static const std::string SECRET;
        /// An HS256 secret the tests configure ([auth] secret).

    static Poco::JSON::Object::Ptr payload(const std::vector<std::string>& publish,
                                           const std::vector<std::string>& subscribe, long expiresInSeconds);
        /// {"feedhub": {"publish", "subscribe"}, "exp": now + expiresInSeconds, "sub": "test"}.

    static std::string hs256(const Poco::JSON::Object::Ptr& payload, const std::string& secret = SECRET);
    static std::string token(const std::vector<std::string>& publish,
                             const std::vector<std::string>& subscribe, long expiresInSeconds = 600);
        /// hs256(payload(...)).

    static std::string assemble(const std::string& headerJson, const std::string& payloadJson,
                                const std::string& signature);
        /// base64url(header).base64url(payload).signature, signed or not as given.
    static std::string hmac(const std::string& signingInput, const std::string& key);
        /// The base64url HS256 signature of signingInput with key.
    static std::string base64Url(const std::string& bytes);
};

#endif // feedhub_TestTokens_INCLUDED
