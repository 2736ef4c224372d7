//
// TokenMinter.cpp
//

#include "auth/TokenMinter.h"
#include "Poco/Crypto/ECKey.h"
#include "Poco/Crypto/RSAKey.h"
#include "Poco/JSON/Array.h"
#include "Poco/JWT/Signer.h"
#include "Poco/JWT/Token.h"
#include "auth/TopicPatterns.h"

namespace feedhub
{

namespace
{

Poco::JSON::Array::Ptr listOf(const std::vector<std::string>& patterns)
{
    TopicPatterns checked(patterns);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const std::string& pattern : checked.patterns())
        list->add(pattern);
    return list;
}

} // namespace

std::string TokenMinter::mint(const AuthSettings& settings, const Request& request)
{
    Poco::JWT::Signer signer;
    signer.setAlgorithms({settings.algorithm});
    if (settings.algorithm == "HS256")
    {
        if (settings.secret.empty())
            throw Poco::InvalidArgumentException("[auth] secret is empty: there is no key to sign with");
        signer.setHMACKey(settings.secret);
    }
    else if (request.privateKeyFile.empty())
        throw Poco::InvalidArgumentException(
            settings.algorithm + " tokens are signed with a private key: give --private-key FILE");
    else if (settings.algorithm == "RS256")
        signer.setRSAKey(new Poco::Crypto::RSAKey("", request.privateKeyFile));
    else
        signer.setECKey(new Poco::Crypto::ECKey("", request.privateKeyFile));

    Poco::JWT::Token token;
    token.setType("JWT");
    const Poco::Timestamp now;
    token.setIssuedAt(now);
    token.setExpiration(now + request.ttl.totalMicroseconds());
    if (!request.subject.empty())
        token.setSubject(request.subject);
    if (!settings.issuer.empty())
        token.setIssuer(settings.issuer);
    if (!settings.audience.empty())
        token.setAudience(settings.audience);
    Poco::JSON::Object::Ptr claim = new Poco::JSON::Object;
    claim->set("publish", listOf(request.publish));
    claim->set("subscribe", listOf(request.subscribe));
    token.payload().set("feedhub", claim);
    return signer.sign(token, settings.algorithm);
}

} // namespace feedhub
